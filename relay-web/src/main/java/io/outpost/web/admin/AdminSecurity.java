package io.outpost.web.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * Declares how admins authenticate: HTTP Basic (over HTTPS in production), checked by {@link AdminIdentityStore}. The
 * protected paths are declared in web.xml and by {@code @RolesAllowed} on the resources.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = AdminSecurity.REALM)
@DeclareRoles(AdminSecurity.ROLE)
public class AdminSecurity {

    public static final String REALM = "outpost-admin";
    public static final String ROLE = "admin";
}

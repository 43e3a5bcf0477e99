package io.outpost.web.admin;

import io.outpost.web.security.Roles;

/**
 * The admin API's role and realm: admins authenticate with HTTP Basic (over HTTPS in production) through the
 * application's one mechanism, {@code io.outpost.web.security.OutpostAuthenticationMechanism}, checked by
 * {@link AdminIdentityStore}. The protected paths are declared in web.xml and by {@code @RolesAllowed} on the resources.
 */
public final class AdminSecurity {

    public static final String REALM = Roles.ADMIN_REALM;
    public static final String ROLE = Roles.ADMIN;

    private AdminSecurity() {}
}

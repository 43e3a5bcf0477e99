package io.outpost.web.tenant;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.admin.Representations;
import io.outpost.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The calling tenant's own account, shown as the admin API shows a tenant. */
@Path("tenant")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    @EJB
    private TenantStore store;

    @EJB
    private DomainStore domains;

    @Context
    private SecurityContext security;

    @GET
    public String get() throws NoSuchEntryException {
        TenantId caller = CallingTenant.of(security);
        return Representations.tenant(
                        store.tenant(caller), domains.domainNames(caller).orElse(List.of()))
                .toString();
    }
}

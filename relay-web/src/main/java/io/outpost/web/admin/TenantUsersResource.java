package io.outpost.web.admin;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.AccountStore;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.account.UserRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/admin/tenants/{tenant}/users}: a tenant's users of the web UI, for the operator: its first owner is
 * invited here. The same requests as the tenant's own {@code /api/v1/users}, recorded as invited by {@code operator}.
 */
@Path("admin/tenants/{tenant}/users")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TenantUsersResource {

    @EJB
    private AccountStore accounts;

    @EJB
    private TenantStore tenants;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @PathParam("tenant")
    private String tenant;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(JsonObject body) throws ConflictException, NoSuchEntryException {
        return requests().invite(body, request);
    }

    @GET
    public String list() throws NoSuchEntryException {
        return requests().list();
    }

    @DELETE
    @Path("{email}")
    public Response remove(@PathParam("email") String email) throws NoSuchEntryException {
        return requests().remove(email);
    }

    private UserRequests requests() throws NoSuchEntryException {
        TenantId owner;
        try {
            owner = TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("no tenant " + tenant);
        }
        tenants.tenant(owner);
        return new UserRequests(
                accounts, owner, "admin:" + security.getUserPrincipal().getName());
    }
}

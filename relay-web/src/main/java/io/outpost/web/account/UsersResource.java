package io.outpost.web.account;

import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
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
 * {@code /api/v1/users}: the calling tenant's users of the web UI, for its owners (a signed-in sender or viewer gets a
 * 403: {@code UserRole#permits}) and its API keys. {@code POST {"email", "role"}} invites one (201, the invitation's
 * token shown once), {@code GET} lists them, {@code DELETE /{email}} removes one and ends their sessions.
 */
@ApiAccess(UserRole.Access.OWNERS)
@Path("users")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private AccountStore accounts;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(JsonObject body) throws ConflictException {
        return requests().invite(body, request);
    }

    @GET
    public String list() {
        return requests().list();
    }

    @DELETE
    @Path("{email}")
    public Response remove(@PathParam("email") String email) throws NoSuchEntryException {
        return requests().remove(email);
    }

    private UserRequests requests() {
        return new UserRequests(accounts, CallingTenant.of(security), Caller.actor(request, security));
    }
}

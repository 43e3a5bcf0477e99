package io.outpost.web.credentials;

import io.outpost.relay.account.UserRole;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
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
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/smtp-credentials}: the calling tenant's SMTP credentials, for its owners ({@code POST} → 201 with the
 * password, shown once; {@code GET}; {@code DELETE /{username}} revokes), as {@link CredentialRequests} describes.
 * Another tenant's user name is a 404 like an unknown one.
 */
@ApiAccess(UserRole.Access.OWNERS)
@Path("smtp-credentials")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class SmtpCredentialsResource {

    @EJB
    private TenantStore store;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) throws NoSuchEntryException, ConflictException {
        return requests().createCredential(body);
    }

    @GET
    public String list() throws NoSuchEntryException {
        return requests().credentials();
    }

    @DELETE
    @Path("{username}")
    public String revoke(@PathParam("username") String username) throws NoSuchEntryException {
        return requests().revokeCredential(username);
    }

    private CredentialRequests requests() {
        return new CredentialRequests(store, CallingTenant.of(security), uri);
    }
}

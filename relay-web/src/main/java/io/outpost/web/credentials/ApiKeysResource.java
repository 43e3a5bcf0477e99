package io.outpost.web.credentials;

import io.outpost.relay.account.UserRole;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
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
 * {@code /api/v1/api-keys}: the calling tenant's API keys, for its owners ({@code POST} → 201 with the whole key, shown
 * once; {@code GET}; {@code DELETE /{keyId}} revokes), as {@link CredentialRequests} describes. Another tenant's key id
 * is a 404 like an unknown one.
 */
@ApiAccess(UserRole.Access.OWNERS)
@Path("api-keys")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    @EJB
    private TenantStore store;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    public Response create(String body) throws NoSuchEntryException {
        return requests().createApiKey(body);
    }

    @GET
    public String list() throws NoSuchEntryException {
        return requests().apiKeys();
    }

    @DELETE
    @Path("{keyId}")
    public String revoke(@PathParam("keyId") String keyId) throws NoSuchEntryException {
        return requests().revokeApiKey(keyId);
    }

    private CredentialRequests requests() {
        return new CredentialRequests(store, CallingTenant.of(security), uri);
    }
}

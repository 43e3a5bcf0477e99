package io.outpost.web.tenant;

import io.outpost.relay.account.UserRole;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.domains.DomainOperations;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** The calling tenant's sending domains: add one, see its records and checks, check now, rotate keys, remove it. */
@ApiAccess(UserRole.Access.OWNERS)
@Path("domains")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class DomainsResource {

    @Inject
    private DomainOperations operations;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    public String list() throws NoSuchEntryException {
        return operations.list(CallingTenant.of(security));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body) throws NoSuchEntryException, ConflictException {
        return operations.add(CallingTenant.of(security), body, uri);
    }

    @GET
    @Path("{domain}")
    public String get(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.get(CallingTenant.of(security), domain);
    }

    @DELETE
    @Path("{domain}")
    public Response remove(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.remove(CallingTenant.of(security), domain);
    }

    @POST
    @Path("{domain}/check")
    public String check(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.check(CallingTenant.of(security), domain);
    }

    @PUT
    @Path("{domain}/tracking-host")
    @Consumes(MediaType.APPLICATION_JSON)
    public String trackingHost(@PathParam("domain") String domain, JsonObject body) throws NoSuchEntryException {
        return operations.trackingHost(CallingTenant.of(security), domain, body);
    }

    @POST
    @Path("{domain}/rotate")
    public String rotate(@PathParam("domain") String domain) throws NoSuchEntryException, ConflictException {
        return operations.rotate(CallingTenant.of(security), domain);
    }

    @GET
    @Path("{domain}/events")
    public String events(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.events(CallingTenant.of(security), domain);
    }
}

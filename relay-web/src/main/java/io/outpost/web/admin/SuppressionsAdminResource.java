package io.outpost.web.admin;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.suppressions.SuppressionListRequests;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/admin/suppressions}: the operator's suppression list, which holds every tenant's mail, or with
 * {@code ?tenant=} one tenant's lists (an operator undoing a wrong block for a tenant). The same requests as the tenant
 * API's {@code /api/v1/suppressions}; the history records the administrator ({@code admin:<name>}). The operator's list
 * has no streams.
 */
@Path("admin/suppressions")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionsAdminResource {

    @EJB
    private SuppressionStore lists;

    @EJB
    private TenantStore tenants;

    @Context
    private SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@QueryParam("tenant") String tenant, JsonObject body)
            throws NoSuchEntryException, ConflictException {
        return requests(tenant).add(body);
    }

    @GET
    public String list(
            @QueryParam("tenant") String tenant,
            @QueryParam("contains") String contains,
            @QueryParam("reason") String reason,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after)
            throws NoSuchEntryException {
        return requests(tenant).list(contains, reason, limit, after);
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@QueryParam("tenant") String tenant) throws NoSuchEntryException {
        return requests(tenant).export();
    }

    @POST
    @Path("import")
    @Consumes("text/csv")
    public String importCsv(@QueryParam("tenant") String tenant, InputStream body) throws NoSuchEntryException {
        return requests(tenant).importCsv(body);
    }

    @GET
    @Path("{target}")
    public String get(@QueryParam("tenant") String tenant, @PathParam("target") String target)
            throws NoSuchEntryException {
        return requests(tenant).get(target);
    }

    @DELETE
    @Path("{target}")
    public Response remove(
            @QueryParam("tenant") String tenant,
            @PathParam("target") String target,
            @QueryParam("stream") String stream,
            @QueryParam("topic") String topic,
            @QueryParam("note") String note)
            throws NoSuchEntryException {
        return requests(tenant).remove(target, stream, topic, note);
    }

    // The tenant named must exist: a list of no tenant would hold nobody's mail.
    private SuppressionListRequests requests(String tenant) throws NoSuchEntryException {
        Optional<TenantId> owner;
        try {
            owner = Optional.ofNullable(tenant).map(TenantId::of);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("tenant", e.getMessage())));
        }
        if (owner.isPresent()) {
            tenants.tenant(owner.get());
        }
        return new SuppressionListRequests(
                lists, owner, "admin:" + security.getUserPrincipal().getName());
    }
}

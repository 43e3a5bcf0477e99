package io.outpost.web.reputation;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.reputation.ReputationWatch;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.admin.AdminSecurity;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/admin/bulk-pauses}: every tenant's rate pauses; {@code DELETE /{tenant}/{domain}} resumes one, on every
 * node within a check interval, recording who did.
 */
@Path("admin/bulk-pauses")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class BulkPausesAdminResource {

    @EJB
    private ReputationWatch reputation;

    @Context
    private SecurityContext security;

    @GET
    public String list() {
        return RatePauseJson.list(reputation.pauses(Optional.empty()));
    }

    @DELETE
    @Path("{tenant}/{domain}")
    public Response resume(@PathParam("tenant") String tenant, @PathParam("domain") String domain)
            throws NoSuchEntryException {
        TenantId owner;
        try {
            owner = TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("tenant", e.getMessage())));
        }
        if (!reputation.resume(
                owner, domain, "admin:" + security.getUserPrincipal().getName())) {
            throw new NoSuchEntryException("no bulk pause of " + domain + " for tenant " + tenant);
        }
        return Response.noContent().build();
    }
}

package io.outpost.web.reputation;

import io.outpost.relay.reputation.ReputationWatch;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * {@code GET /api/v1/bulk-pauses}: the calling tenant's sending domains whose bulk mail was paused for their complaint
 * or hard-bounce rate, with why, and whether and when an administrator resumed it.
 */
@Path("bulk-pauses")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class BulkPausesResource {

    @EJB
    private ReputationWatch reputation;

    @Context
    private SecurityContext security;

    @GET
    public String list() {
        return RatePauseJson.list(reputation.pauses(Optional.of(CallingTenant.of(security))));
    }
}

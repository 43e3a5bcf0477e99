package io.outpost.web.admin;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.QueueStore;
import io.outpost.web.events.EventStream;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/admin/events?tenant=&cursor=&limit=}: a tenant's event stream as the tenant reads it. */
@Path("admin/events")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class EventsAdminResource {

    @EJB
    private QueueStore queue;

    @GET
    public String read(@Context UriInfo uri) {
        EventStream read = EventStream.of(uri.getQueryParameters(), Set.of("tenant"));
        String tenant = uri.getQueryParameters().getFirst("tenant");
        TenantId id;
        try {
            id = TenantId.of(tenant == null ? "" : tenant);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("tenant", "must be a tenant id")));
        }
        return EventStream.json(queue.events(id, read.after(), read.limit()));
    }
}

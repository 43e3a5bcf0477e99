package io.outpost.web.events;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.QueueStore;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/** {@code GET /api/v1/events?cursor=&limit=}: the calling tenant's event stream, a page at a time ({@link EventStream}). */
@Path("events")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @EJB
    private QueueStore queue;

    @Context
    private SecurityContext security;

    @GET
    public String read(@Context UriInfo uri) {
        TenantId tenant = CallingTenant.of(security);
        EventStream read = EventStream.of(uri.getQueryParameters(), Set.of());
        return EventStream.json(queue.events(tenant, read.after(), read.limit()));
    }
}

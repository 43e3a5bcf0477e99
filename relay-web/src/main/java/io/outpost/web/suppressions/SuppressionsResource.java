package io.outpost.web.suppressions;

import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code /api/v1/suppressions}: the calling tenant's suppression lists, for all its mail or one stream.
 *
 * <ul>
 *   <li>{@code POST {"address" | "domain", "stream"?, "topic"?, "reason"?, "note"?, "expiresAt"?}}: puts an address, or every
 *       address of a domain, on the list (reason {@code manual} unless given). 201 with the entry; 200 with the entry
 *       already there, unchanged.
 *   <li>{@code GET ?contains=&reason=&limit=&after=}: entries, newest first, a page at a time ({@code next} names the
 *       next page's {@code after}).
 *   <li>{@code GET /{address or @domain}}: the entries for it, each with its evidence, and every change to them: who
 *       added and who removed them, and why.
 *   <li>{@code DELETE /{address or @domain}?stream=&topic=&note=}: takes it off the list (an undo), recorded with the API key
 *       and the note.
 *   <li>{@code GET /export}: every entry as CSV; {@code POST /import} ({@code text/csv}): adds the rows of a CSV, as many
 *       adds would, answering how many were added, already there, and refused (and why, for the first 100).
 * </ul>
 *
 * The operator's own list applies to every tenant's mail and is not shown here. Another tenant's entries are never read.
 */
@Path("suppressions")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionsResource {

    @EJB
    private SuppressionStore lists;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body) throws ConflictException {
        return requests().add(body);
    }

    @GET
    public String list(
            @QueryParam("contains") String contains,
            @QueryParam("reason") String reason,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        return requests().list(contains, reason, limit, after);
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export() {
        return requests().export();
    }

    @POST
    @Path("import")
    @Consumes("text/csv")
    public String importCsv(InputStream body) {
        return requests().importCsv(body);
    }

    @GET
    @Path("{target}")
    public String get(@PathParam("target") String target) throws NoSuchEntryException {
        return requests().get(target);
    }

    @DELETE
    @Path("{target}")
    public Response remove(
            @PathParam("target") String target,
            @QueryParam("stream") String stream,
            @QueryParam("topic") String topic,
            @QueryParam("note") String note)
            throws NoSuchEntryException {
        return requests().remove(target, stream, topic, note);
    }

    private SuppressionListRequests requests() {
        return new SuppressionListRequests(
                lists, Optional.of(CallingTenant.of(security)), Caller.actor(request, security));
    }
}

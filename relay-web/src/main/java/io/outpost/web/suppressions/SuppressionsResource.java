package io.outpost.web.suppressions;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.suppression.Evidence;
import io.outpost.relay.suppression.SuppressionChange;
import io.outpost.relay.suppression.SuppressionEntry;
import io.outpost.relay.suppression.SuppressionReason;
import io.outpost.relay.suppression.SuppressionScope;
import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.suppression.SuppressionTarget;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.CallerApiKey;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/suppressions}: the calling tenant's suppression lists, for all its mail or one stream.
 *
 * <ul>
 *   <li>{@code POST {"address" | "domain", "stream"?, "reason"?, "note"?, "expiresAt"?}}: puts an address, or every
 *       address of a domain, on the list (reason {@code manual} unless given). 201 with the entry; 200 with the entry
 *       already there, unchanged.
 *   <li>{@code GET ?contains=&reason=&limit=&after=}: entries, newest first, a page at a time ({@code next} names the
 *       next page's {@code after}).
 *   <li>{@code GET /{address or @domain}}: the entries for it, each with its evidence, and every change to them: who
 *       added and who removed them, and why.
 *   <li>{@code DELETE /{address or @domain}?stream=&note=}: takes it off the list (an undo), recorded with the API key
 *       and the note.
 * </ul>
 *
 * The operator's own list applies to every tenant's mail and is not shown here. Another tenant's entries are never read.
 */
@Path("suppressions")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionsResource {

    static final int DEFAULT_PAGE = 100;

    @EJB
    private SuppressionStore lists;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body) {
        TenantId tenant = CallingTenant.of(security);
        RequestFields fields = new RequestFields(body);
        Optional<SuppressionTarget> address =
                fields.optional("address", text -> SuppressionTarget.address(EmailAddress.parse(text)));
        Optional<SuppressionTarget> domain =
                fields.optional("domain", text -> SuppressionTarget.domain(Domain.of(text)));
        if (body.containsKey("address") == body.containsKey("domain")) {
            fields.reject("address", "give an address, or a domain, not both");
        }
        Optional<MessageStream> stream = fields.optional("stream", MessageStream::of);
        Optional<SuppressionReason> reason = fields.optional("reason", SuppressionsResource::reason);
        Optional<String> note = fields.optional("note", SuppressionsResource::note);
        Optional<Instant> expiresAt = fields.optional("expiresAt", SuppressionsResource::future);
        fields.check();
        SuppressionStore.Added added = lists.add(
                SuppressionScope.tenant(tenant, stream),
                address.or(() -> domain).orElseThrow(),
                reason.orElse(SuppressionReason.MANUAL),
                Evidence.note(note),
                expiresAt,
                actor());
        return Response.status(added.isNew() ? 201 : 200)
                .entity(SuppressionJson.entry(added.entry()).build().toString())
                .build();
    }

    @GET
    public String list(
            @QueryParam("contains") String contains,
            @QueryParam("reason") String reason,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<SuppressionReason> byReason = Optional.ofNullable(reason).flatMap(r -> {
            Optional<SuppressionReason> named = SuppressionReason.named(r);
            if (named.isEmpty()) {
                invalid.add(new InvalidParam("reason", reasonsText()));
            }
            return named;
        });
        int pageSize = number(limit, "limit", DEFAULT_PAGE, invalid).intValue();
        if (pageSize > SuppressionStore.MAX_PAGE) {
            invalid.add(new InvalidParam("limit", "at most " + SuppressionStore.MAX_PAGE));
        }
        Optional<Long> from = after == null ? Optional.empty() : Optional.of(number(after, "after", 0, invalid));
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        List<SuppressionStore.Listed> page = lists.list(
                Optional.of(CallingTenant.of(security)),
                Optional.ofNullable(contains).filter(text -> !text.isBlank()),
                byReason,
                from,
                pageSize);
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        page.forEach(listed -> entries.add(SuppressionJson.entry(listed.entry())));
        JsonObjectBuilder json = CachedJson.createObjectBuilder().add("suppressions", entries);
        if (page.size() == pageSize) {
            json.add("next", Long.toString(page.get(page.size() - 1).id()));
        }
        return json.build().toString();
    }

    @GET
    @Path("{target}")
    public String get(@PathParam("target") String target) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        SuppressionTarget parsed = target(target);
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        int found = 0;
        for (Optional<MessageStream> stream : streams()) {
            Optional<SuppressionEntry> entry = lists.find(SuppressionScope.tenant(tenant, stream), parsed);
            if (entry.isPresent()) {
                entries.add(SuppressionJson.entry(entry.get()));
                found++;
            }
        }
        List<SuppressionChange> history = lists.history(Optional.of(tenant), parsed);
        if (found == 0 && history.isEmpty()) {
            throw new NoSuchEntryException("no suppression of " + target);
        }
        JsonArrayBuilder changes = CachedJson.createArrayBuilder();
        history.forEach(change -> changes.add(SuppressionJson.change(change)));
        return CachedJson.createObjectBuilder()
                .add("entries", entries)
                .add("history", changes)
                .build()
                .toString();
    }

    @DELETE
    @Path("{target}")
    public Response remove(
            @PathParam("target") String target, @QueryParam("stream") String stream, @QueryParam("note") String note)
            throws NoSuchEntryException {
        Optional<MessageStream> onStream;
        try {
            onStream = Optional.ofNullable(stream).map(MessageStream::of);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("stream", e.getMessage())));
        }
        Optional<String> why;
        try {
            why = Optional.ofNullable(note).map(SuppressionsResource::note);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("note", e.getMessage())));
        }
        Optional<SuppressionEntry> removed = lists.remove(
                SuppressionScope.tenant(CallingTenant.of(security), onStream), target(target), actor(), why);
        if (removed.isEmpty()) {
            throw new NoSuchEntryException("no suppression of " + target);
        }
        return Response.noContent().build();
    }

    // The path names an address, or a domain after '@'; anything else is a 400 naming it.
    private static SuppressionTarget target(String text) {
        try {
            return SuppressionTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(
                    List.of(new InvalidParam("target", "an address, or @ and a domain: " + e.getMessage())));
        }
    }

    private static List<Optional<MessageStream>> streams() {
        List<Optional<MessageStream>> streams = new ArrayList<>();
        streams.add(Optional.empty());
        for (MessageStream stream : MessageStream.values()) {
            streams.add(Optional.of(stream));
        }
        return streams;
    }

    private String actor() {
        return CallerApiKey.keyId(request.getHeader("Authorization"))
                .map(key -> "api-key:" + key)
                .orElse("tenant:" + CallingTenant.of(security).value());
    }

    private static SuppressionReason reason(String text) {
        return SuppressionReason.named(text).orElseThrow(() -> new IllegalArgumentException(reasonsText()));
    }

    private static String reasonsText() {
        return "must be one of "
                + Arrays.stream(SuppressionReason.values())
                        .map(SuppressionReason::wireName)
                        .toList();
    }

    private static String note(String text) {
        if (text.length() > 1000) {
            throw new IllegalArgumentException("at most 1000 characters");
        }
        return text;
    }

    private static Instant future(String text) {
        try {
            Instant at = Instant.parse(text);
            if (!at.isAfter(Instant.now())) {
                throw new IllegalArgumentException("must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an RFC 3339 time in UTC, like 2027-01-31T00:00:00Z");
        }
    }

    private static Long number(String text, String name, long absent, List<InvalidParam> invalid) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        invalid.add(new InvalidParam(name, "must be a positive whole number"));
        return absent;
    }
}

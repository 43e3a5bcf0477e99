package io.outpost.web.audiences;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.Audience;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.OptInLinks;
import io.outpost.relay.audience.Subscriber;
import io.outpost.relay.audience.SubscriberJson;
import io.outpost.relay.audience.SubscriberState;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.messages.SubmissionProblems;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.request.QueryNumbers;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/audiences}: the calling tenant's audiences and their subscribers, with double opt-in.
 *
 * <ul>
 *   <li>{@code POST {"name", "consentText", "from", "subject", "text", "html"?, "redirectUrl"?}}: a new audience (201);
 *       {@code GET}: the tenant's audiences; {@code GET /{id}}: one, with every consent text it has shown; {@code PUT
 *       /{id}}: replaces its settings, a new consent wording becoming its next version.
 *   <li>{@code POST /{id}/subscribers {"address", "attributes"?, "ip"?, "userAgent"?, "consentText"?}}: starts a double
 *       opt-in (202): the subscriber is PENDING until they follow the link of the confirmation message queued for them.
 *   <li>{@code GET /{id}/subscribers?state=&contains=&limit=&after=}: subscribers with their proof of consent, newest
 *       first; {@code GET /{id}/subscribers/{address}}: one; {@code DELETE}: removes them and their proof; {@code POST
 *       /{id}/subscribers/{address}/unsubscribe}: records their withdrawal, keeping the proof.
 *   <li>{@code POST /{id}/subscribers/import} ({@code text/csv}): subscribers confirmed on the tenant's own proof.
 * </ul>
 *
 * Another tenant's audience is a 404, as one that does not exist.
 */
@Path("audiences")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class AudiencesResource {

    /** Too many confirmation messages asked from one client address: RFC 6585 §4. */
    static final String TOO_MANY = "urn:outpost:problem:too-many-subscriptions";

    static final int DEFAULT_PAGE = 100;

    @EJB
    private AudienceStore audiences;

    @Inject
    private SigningProfiles domains;

    @Inject
    private OptInLinks links;

    @Inject
    private DoubleOptIn optIn;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        TenantId tenant = CallingTenant.of(security);
        Audience created = audiences.create(tenant, AudienceRequests.settings(body, sendingDomains(tenant)));
        return Response.status(201).entity(json(created).build().toString()).build();
    }

    @GET
    public String list() {
        JsonArrayBuilder list = CachedJson.createArrayBuilder();
        audiences.list(CallingTenant.of(security)).forEach(a -> list.add(json(a)));
        return CachedJson.createObjectBuilder().add("audiences", list).build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        AudienceId audience = audienceId(id);
        JsonArrayBuilder versions = CachedJson.createArrayBuilder();
        audiences.consentTexts(tenant, audience).forEach(text -> versions.add(SubscriberJson.consentText(text)));
        return json(audiences.get(tenant, audience))
                .add("consentVersions", versions)
                .build()
                .toString();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String update(@PathParam("id") String id, JsonObject body) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        AudienceId audience = audienceId(id);
        audiences.get(tenant, audience);
        return json(audiences.update(tenant, audience, AudienceRequests.settings(body, sendingDomains(tenant))))
                .build()
                .toString();
    }

    @POST
    @Path("{id}/subscribers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@PathParam("id") String id, JsonObject body)
            throws NoSuchEntryException, ConflictException, UnknownHostException {
        TenantId tenant = CallingTenant.of(security);
        AudienceId audience = audienceId(id);
        audiences.get(tenant, audience);
        // An API key's id, or the signed-in user the mechanism let through.
        String keyId = Caller.credential(request);
        DoubleOptIn.Started started = optIn.start(
                tenant,
                audience,
                AudienceRequests.subscribe(body),
                keyId,
                // A literal from the container: no DNS lookup.
                InetAddress.getByName(request.getRemoteAddr()));
        if (started.refused().isPresent()) {
            return SubmissionProblems.response(started.refused().get());
        }
        AudienceStore.Next next = started.subscribed().next();
        if (next == AudienceStore.Next.TOO_MANY_FROM_CLIENT) {
            return new Problem(
                            TOO_MANY,
                            "Too many subscriptions",
                            429,
                            "confirmation messages go to at most " + AudienceStore.PER_CLIENT_PER_HOUR
                                    + " addresses an hour asked for from one client IP address",
                            List.of(new InvalidParam("ip", "too many subscriptions from this address just now")))
                    .toResponse();
        }
        return Response.accepted(SubscriberJson.of(started.subscribed().subscriber())
                        .add("confirmation", confirmation(next))
                        .build()
                        .toString())
                .build();
    }

    @GET
    @Path("{id}/subscribers")
    public String subscribers(
            @PathParam("id") String id,
            @QueryParam("state") String state,
            @QueryParam("contains") String contains,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after)
            throws NoSuchEntryException {
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<SubscriberState> inState = Optional.ofNullable(state).flatMap(s -> {
            Optional<SubscriberState> named = SubscriberState.named(s);
            if (named.isEmpty()) {
                invalid.add(new InvalidParam("state", "one of pending, confirmed, unsubscribed"));
            }
            return named;
        });
        long asked = QueryNumbers.positive(limit, "limit", DEFAULT_PAGE, invalid);
        if (asked > AudienceStore.MAX_PAGE) {
            invalid.add(new InvalidParam("limit", "at most " + AudienceStore.MAX_PAGE));
        }
        Optional<Long> from = Optional.ofNullable(after).map(a -> QueryNumbers.positive(a, "after", 0, invalid));
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        int pageSize = (int) asked;
        List<Subscriber> page = audiences.subscribers(
                CallingTenant.of(security),
                audienceId(id),
                inState,
                Optional.ofNullable(contains).filter(text -> !text.isBlank()),
                from,
                pageSize);
        JsonArrayBuilder list = CachedJson.createArrayBuilder();
        page.forEach(s -> list.add(SubscriberJson.of(s)));
        JsonObjectBuilder json = CachedJson.createObjectBuilder().add("subscribers", list);
        if (page.size() == pageSize) {
            json.add("next", Long.toString(page.get(page.size() - 1).id()));
        }
        return json.build().toString();
    }

    @POST
    @Path("{id}/subscribers/import")
    @Consumes("text/csv")
    public String importCsv(@PathParam("id") String id, InputStream body) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        AudienceId audience = audienceId(id);
        audiences.get(tenant, audience);
        return SubscriberCsv.importFrom(new InputStreamReader(body, StandardCharsets.UTF_8), rows -> {
                    try {
                        return audiences.importBatch(tenant, audience, rows);
                    } catch (NoSuchEntryException e) {
                        // Audiences are never deleted: it was there when the import began.
                        throw new IllegalStateException("audience " + audience + " gone during its import", e);
                    }
                })
                .toString();
    }

    @GET
    @Path("{id}/subscribers/{address}")
    public String subscriber(@PathParam("id") String id, @PathParam("address") String address)
            throws NoSuchEntryException {
        return SubscriberJson.of(audiences.subscriber(CallingTenant.of(security), audienceId(id), address(address)))
                .build()
                .toString();
    }

    @DELETE
    @Path("{id}/subscribers/{address}")
    public Response remove(@PathParam("id") String id, @PathParam("address") String address)
            throws NoSuchEntryException {
        audiences.remove(CallingTenant.of(security), audienceId(id), address(address));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/subscribers/{address}/unsubscribe")
    public String unsubscribe(@PathParam("id") String id, @PathParam("address") String address)
            throws NoSuchEntryException {
        return SubscriberJson.of(audiences.unsubscribe(CallingTenant.of(security), audienceId(id), address(address)))
                .build()
                .toString();
    }

    // What became of the confirmation message, as the answer names it.
    private static String confirmation(AudienceStore.Next next) {
        return switch (next) {
            case SEND_CONFIRMATION -> "sent";
            case SENT_RECENTLY -> "sent-recently";
            case CONFIRMED_ALREADY, TOO_MANY_FROM_CLIENT -> "not-needed";
        };
    }

    private JsonObjectBuilder json(Audience audience) {
        return AudienceJson.of(audience, links.form(audience.id()));
    }

    private List<Domain> sendingDomains(TenantId tenant) {
        return domains.domainNames(tenant).orElse(List.of());
    }

    // An id that is no audience id names no audience: the same 404 as another tenant's.
    private static AudienceId audienceId(String id) throws NoSuchEntryException {
        try {
            return new AudienceId(id);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("no audience " + id);
        }
    }

    private static EmailAddress address(String text) {
        try {
            return EmailAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid("address", e.getMessage());
        }
    }

    private static ProblemException invalid(String name, String reason) {
        return ProblemException.invalid(List.of(new InvalidParam(name, reason)));
    }
}

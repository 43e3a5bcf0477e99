package io.outpost.web.webhooks;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.webhook.WebhookDelivery;
import io.outpost.relay.webhook.WebhookDispatcher;
import io.outpost.relay.webhook.WebhookStore;
import io.outpost.relay.webhook.WebhookUrls;
import io.outpost.relay.webhook.WebhookView;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/v1/webhooks}: the calling tenant's webhook endpoints (docs/webhooks.md).
 *
 * <ul>
 *   <li>{@code POST {"url", "events"?: ["DELIVERED", …]}}: registers one; 201 with its {@code secret}, shown this once.
 *       It is sent the events that happen from now on.
 *   <li>{@code GET}, {@code GET /{id}}: the endpoints, with where each stands (cursor, failures, disabled).
 *   <li>{@code GET /{id}/deliveries?limit=}: its log, newest first.
 *   <li>{@code POST /{id}/replay {"cursor"}}: sends every event after that position again, in order.
 *   <li>{@code POST /{id}/enable}: sends to a disabled endpoint again, from where it stopped.
 *   <li>{@code DELETE /{id}}: removes it.
 * </ul>
 *
 * Another tenant's endpoint is a 404 like one that does not exist.
 */
@ApiAccess(UserRole.Access.OWNERS)
@Path("webhooks")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    private static final int MAX_DELIVERIES = 1_000;

    private final Clock clock = Clock.systemUTC();

    @EJB
    private WebhookStore store;

    @EJB
    private WebhookDispatcher dispatcher;

    @Context
    private SecurityContext security;

    private TenantId tenant() {
        // The API key identity store names the caller by its tenant id; the request never chooses the tenant.
        return CallingTenant.of(security);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        List<InvalidParam> invalid = new ArrayList<>();
        URI url = null;
        if (!(body.get("url") instanceof JsonString text)) {
            invalid.add(new InvalidParam("url", "is required: the endpoint's URL"));
        } else {
            try {
                url = dispatcher.urls().check(text.getString());
            } catch (WebhookUrls.RefusedUrl e) {
                invalid.add(new InvalidParam("url", e.getMessage()));
            }
        }
        Set<EventKind> events = events(body, invalid);
        for (String name : body.keySet()) {
            if (!name.equals("url") && !name.equals("events")) {
                invalid.add(new InvalidParam(name, "is not a field of a webhook"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        WebhookStore.Created created = store.create(tenant(), url, events, clock.instant());
        return Response.status(Response.Status.CREATED)
                .entity(json(created.webhook())
                        .add("secret", created.secret())
                        .build()
                        .toString())
                .build();
    }

    private static Set<EventKind> events(JsonObject body, List<InvalidParam> invalid) {
        Set<EventKind> events = EnumSet.noneOf(EventKind.class);
        if (!body.containsKey("events") || body.isNull("events")) {
            return events;
        }
        if (body.get("events").getValueType() != JsonValue.ValueType.ARRAY) {
            invalid.add(new InvalidParam("events", "must be a list of event kinds"));
            return events;
        }
        for (JsonValue value : body.getJsonArray("events")) {
            try {
                events.add(EventKind.valueOf(((JsonString) value).getString().toUpperCase(Locale.ROOT)));
            } catch (ClassCastException | IllegalArgumentException e) {
                invalid.add(new InvalidParam("events", "must name only event kinds: " + List.of(EventKind.values())));
                break;
            }
        }
        if (events.contains(EventKind.RECEIVED)) {
            // The stream tells a message's arrival once, as QUEUED (docs/architecture.md).
            invalid.add(new InvalidParam("events", "RECEIVED is not in the stream; QUEUED tells a message's arrival"));
        }
        return events;
    }

    @GET
    public String list() {
        JsonArrayBuilder webhooks = CachedJson.createArrayBuilder();
        store.list(tenant()).forEach(webhook -> webhooks.add(json(webhook)));
        return CachedJson.createObjectBuilder()
                .add("webhooks", webhooks)
                .build()
                .toString();
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id) throws NoSuchEntryException {
        return json(store.find(tenant(), parse(id)).orElseThrow(WebhooksResource::notFound))
                .build()
                .toString();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws NoSuchEntryException {
        if (!store.delete(tenant(), parse(id))) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    public String deliveries(@PathParam("id") String id, @QueryParam("limit") String limit)
            throws NoSuchEntryException {
        int count = limit(limit);
        JsonArrayBuilder log = CachedJson.createArrayBuilder();
        for (WebhookDelivery delivery :
                store.deliveries(tenant(), parse(id), count).orElseThrow(WebhooksResource::notFound)) {
            JsonObjectBuilder line = CachedJson.createObjectBuilder()
                    .add("at", delivery.at().toString())
                    .add("outcome", delivery.outcome().name())
                    .add("detail", delivery.detail());
            delivery.eventId().ifPresent(event -> line.add("eventId", Long.toString(event)));
            delivery.position().ifPresent(position -> line.add("cursor", Long.toString(position)));
            delivery.status().ifPresent(status -> line.add("status", status));
            delivery.tookMillis().ifPresent(took -> line.add("tookMillis", took));
            log.add(line);
        }
        return CachedJson.createObjectBuilder().add("deliveries", log).build().toString();
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public String replay(@PathParam("id") String id, JsonObject body) throws NoSuchEntryException {
        long webhook = parse(id);
        long cursor = -1;
        if (body.get("cursor") instanceof JsonString text) {
            try {
                cursor = Long.parseLong(text.getString());
            } catch (NumberFormatException e) {
                cursor = -1;
            }
        }
        if (cursor < 0 || cursor > store.streamHead()) {
            throw ProblemException.invalid(List.of(new InvalidParam(
                    "cursor", "must be the cursor of an event of the stream, as a string (GET /api/v1/events)")));
        }
        return json(store.moveCursor(tenant(), webhook, cursor, clock.instant())
                        .orElseThrow(WebhooksResource::notFound))
                .build()
                .toString();
    }

    @POST
    @Path("{id}/enable")
    public String enable(@PathParam("id") String id) throws NoSuchEntryException {
        return json(store.enable(tenant(), parse(id), clock.instant()).orElseThrow(WebhooksResource::notFound))
                .build()
                .toString();
    }

    private static int limit(String text) {
        try {
            int count = text == null ? 100 : Integer.parseInt(text);
            if (count >= 1 && count <= MAX_DELIVERIES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalid(
                List.of(new InvalidParam("limit", "must be a whole number from 1 to " + MAX_DELIVERIES)));
    }

    private static long parse(String id) throws NoSuchEntryException {
        try {
            long value = Long.parseLong(id);
            if (value > 0 && Long.toString(value).equals(id)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // not an id: the same 404 as an unknown one
        }
        throw notFound();
    }

    private static NoSuchEntryException notFound() {
        return new NoSuchEntryException("no such webhook");
    }

    private static JsonObjectBuilder json(WebhookView webhook) {
        JsonArrayBuilder events = CachedJson.createArrayBuilder();
        webhook.events().stream().map(Enum::name).sorted().forEach(events::add);
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("id", Long.toString(webhook.id()))
                .add("url", webhook.url())
                .add("events", events)
                .add("createdAt", webhook.createdAt().toString())
                .add("cursor", Long.toString(webhook.cursor()))
                .add("failures", webhook.failures())
                .add("nextAttemptAt", webhook.nextAttemptAt().toString());
        webhook.failingSince().ifPresent(at -> json.add("failingSince", at.toString()));
        webhook.disabledAt().ifPresent(at -> json.add("disabledAt", at.toString()));
        webhook.disabledReason().ifPresent(reason -> json.add("disabledReason", reason));
        return json;
    }
}

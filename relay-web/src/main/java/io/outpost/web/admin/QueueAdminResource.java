package io.outpost.web.admin;

import io.outpost.api.mail.Domain;
import io.outpost.relay.delivery.QueueOperator;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.OperatorOutcome;
import io.outpost.relay.queue.OperatorRequest;
import io.outpost.relay.queue.QueueAction;
import io.outpost.relay.queue.QueueOverview;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.QueueTarget;
import io.outpost.relay.queue.WaitingRecipient;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.messages.MessageIds;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.request.QueryNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The queue for the operator: {@code GET /api/v1/admin/queue?top=} the waiting recipients by where they stand (queued,
 * deferred, held, in an attempt) and the destinations with the most of them (counts, the oldest message, the latest
 * failure); {@code GET …/destinations/{domain}?limit=} the recipients waiting for one destination.
 *
 * <p>{@code POST …/destinations/{domain}/{action}} and {@code POST …/messages/{id}/{action}}, with {@code action} one
 * of {@code hold}, {@code release}, {@code retry-now}, {@code purge} and the body {@code {"reason": "…", "bounce":
 * false}} (reason required for a purge; {@code bounce} only for a purge, false unless given): what changed, each change
 * told in its message's story with the operator and the reason.
 */
@Path("admin/queue")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class QueueAdminResource {

    private static final int DEFAULT_TOP = 20;
    private static final int MAX_TOP = 200;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_REASON = 500;

    @EJB
    private QueueStore queue;

    @EJB
    private QueueOperator operator;

    @Context
    private SecurityContext security;

    @GET
    public String overview(@QueryParam("top") String top) {
        List<InvalidParam> invalid = new ArrayList<>();
        long count = Math.min(MAX_TOP, QueryNumbers.positive(top, "top", DEFAULT_TOP, invalid));
        checked(invalid);
        QueueOverview overview = queue.overview((int) count);
        JsonArrayBuilder destinations = CachedJson.createArrayBuilder();
        for (QueueOverview.Destination destination : overview.destinations()) {
            JsonObjectBuilder json = CachedJson.createObjectBuilder()
                    .add("domain", destination.domain())
                    .add("waiting", destination.waiting())
                    .add("queued", destination.queued())
                    .add("deferred", destination.deferred())
                    .add("held", destination.held())
                    .add("inAttempt", destination.inAttempt())
                    .add("oldestReceivedAt", destination.oldest().toString());
            destination.lastReply().ifPresent(reply -> json.add("lastReply", reply));
            destinations.add(json);
        }
        return CachedJson.createObjectBuilder()
                .add("queued", overview.queued())
                .add("deferred", overview.deferred())
                .add("held", overview.held())
                .add("inAttempt", overview.inAttempt())
                .add("destinationCount", overview.destinationCount())
                .add("destinations", destinations)
                .build()
                .toString();
    }

    @GET
    @Path("destinations/{domain}")
    public String destination(@PathParam("domain") String domain, @QueryParam("limit") String limit) {
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<Domain> destination = domain(domain, invalid);
        long count = Math.min(MAX_LIMIT, QueryNumbers.positive(limit, "limit", DEFAULT_LIMIT, invalid));
        checked(invalid);
        JsonArrayBuilder recipients = CachedJson.createArrayBuilder();
        for (WaitingRecipient one : queue.waitingAt(destination.orElseThrow(), (int) count)) {
            JsonObjectBuilder json = CachedJson.createObjectBuilder()
                    .add("recipientId", one.recipientId())
                    .add("messageId", Long.toString(one.messageId()))
                    .add("address", one.address().toString())
                    .add("state", one.state().name())
                    .add("standing", one.standing().name())
                    .add("attempts", one.attempts())
                    .add("receivedAt", one.receivedAt().toString());
            one.tenant().ifPresent(tenant -> json.add("tenant", tenant.value()));
            if (!one.held()) {
                json.add("nextAttemptAt", one.nextAttemptAt().toString());
            }
            one.lastReply().ifPresent(reply -> json.add("lastReply", reply));
            recipients.add(json);
        }
        return CachedJson.createObjectBuilder()
                .add("domain", destination.get().name())
                .add("recipients", recipients)
                .build()
                .toString();
    }

    @POST
    @Path("destinations/{domain}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String onDestination(
            @PathParam("domain") String domain, @PathParam("action") String action, JsonObject body) {
        QueueAction what = action(action);
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<Domain> destination = domain(domain, invalid);
        checked(invalid);
        return apply(what, new QueueTarget.Destination(destination.orElseThrow()), body);
    }

    @POST
    @Path("messages/{id}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String onMessage(@PathParam("id") String id, @PathParam("action") String action, JsonObject body)
            throws NoSuchEntryException {
        QueueAction what = action(action);
        long messageId = MessageIds.parse(id)
                .filter(known -> queue.story(known, Optional.empty()).isPresent())
                .orElseThrow(MessageIds::notFound);
        return apply(what, new QueueTarget.Message(messageId), body);
    }

    private String apply(QueueAction action, QueueTarget target, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        Optional<String> reason = action == QueueAction.PURGE
                ? fields.required("reason", QueueAdminResource::reason)
                : fields.optional("reason", QueueAdminResource::reason);
        Optional<Boolean> bounce = fields.optionalBoolean("bounce");
        if (bounce.orElse(false) && action != QueueAction.PURGE) {
            fields.reject("bounce", "only a purge can bounce");
        }
        fields.check();
        OperatorOutcome outcome = operator.apply(new OperatorRequest(
                action,
                target,
                "admin:" + security.getUserPrincipal().getName(),
                reason.orElse(""),
                bounce.orElse(false)));
        return CachedJson.createObjectBuilder()
                .add("action", wireName(action))
                .add("recipients", outcome.recipients())
                .add("inAttempt", outcome.inFlight())
                .add("dsns", outcome.notices())
                .build()
                .toString();
    }

    private static String reason(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_REASON) {
            throw new IllegalArgumentException("at most " + MAX_REASON + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("one line of text, without control characters");
        }
        return trimmed;
    }

    // An action no one can take is no resource: 404, as an unknown path is.
    private static QueueAction action(String text) {
        for (QueueAction action : QueueAction.values()) {
            if (wireName(action).equals(text)) {
                return action;
            }
        }
        throw new ProblemException(io.outpost.web.problem.Problem.notFound("admin/queue/…/" + text));
    }

    private static String wireName(QueueAction action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Optional<Domain> domain(String text, List<InvalidParam> invalid) {
        try {
            return Optional.of(Domain.of(text));
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidParam("domain", e.getMessage()));
            return Optional.empty();
        }
    }

    private static void checked(List<InvalidParam> invalid) {
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
    }
}

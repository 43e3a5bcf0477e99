package io.outpost.web.suppressions;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.suppression.Evidence;
import io.outpost.relay.suppression.SuppressionChange;
import io.outpost.relay.suppression.SuppressionEntry;
import io.outpost.relay.suppression.SuppressionJson;
import io.outpost.relay.suppression.SuppressionReason;
import io.outpost.relay.suppression.SuppressionScope;
import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.suppression.SuppressionTarget;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.request.QueryNumbers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the tenant API ({@link SuppressionsResource}) and the admin API ({@code admin/SuppressionsAdminResource}) do with
 * one owner's suppression lists: a tenant's (for all its mail or one stream) or the operator's (every tenant's mail),
 * each request answered as {@link SuppressionsResource} describes. Nothing here reads another owner's entries.
 */
public final class SuppressionListRequests {

    static final int DEFAULT_PAGE = 100;

    private final SuppressionStore lists;
    private final Optional<TenantId> owner;
    private final String actor;

    /**
     * @param owner the tenant whose lists these are; empty for the operator's
     * @param actor who asks, as the lists' history records it
     */
    public SuppressionListRequests(SuppressionStore lists, Optional<TenantId> owner, String actor) {
        this.lists = lists;
        this.owner = owner;
        this.actor = actor;
    }

    public Response add(JsonObject body) throws ConflictException {
        RequestFields fields = new RequestFields(body);
        Optional<SuppressionTarget> address =
                fields.optional("address", text -> SuppressionTarget.address(EmailAddress.parse(text)));
        Optional<SuppressionTarget> domain =
                fields.optional("domain", text -> SuppressionTarget.domain(Domain.of(text)));
        if (body.containsKey("address") == body.containsKey("domain")) {
            fields.reject("address", "give an address, or a domain, not both");
        }
        Optional<MessageStream> stream = fields.optional("stream", MessageStream::of);
        if (owner.isEmpty() && stream.isPresent()) {
            fields.reject("stream", "the operator's list is for every stream");
        }
        Optional<Topic> topic = fields.optional("topic", Topic::of);
        topicProblem(stream, topic).ifPresent(problem -> fields.reject("topic", problem));
        Optional<SuppressionReason> reason = fields.optional("reason", SuppressionListRequests::reason);
        Optional<String> note = fields.optional("note", SuppressionListRequests::note);
        Optional<Instant> expiresAt = fields.optional("expiresAt", SuppressionListRequests::future);
        fields.check();
        SuppressionStore.Added added = lists.add(
                scope(stream, topic),
                address.or(() -> domain).orElseThrow(),
                reason.orElse(SuppressionReason.MANUAL),
                Evidence.note(note),
                expiresAt,
                actor);
        return Response.status(added.isNew() ? 201 : 200)
                .entity(SuppressionJson.entry(added.entry()).build().toString())
                .build();
    }

    public String list(String contains, String reason, String limit, String after) {
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<SuppressionReason> byReason = Optional.ofNullable(reason).flatMap(r -> {
            Optional<SuppressionReason> named = SuppressionReason.named(r);
            if (named.isEmpty()) {
                invalid.add(new InvalidParam("reason", reasonsText()));
            }
            return named;
        });
        int pageSize = (int) Math.min(QueryNumbers.positive(limit, "limit", DEFAULT_PAGE, invalid), Integer.MAX_VALUE);
        if (pageSize > SuppressionStore.MAX_PAGE) {
            invalid.add(new InvalidParam("limit", "at most " + SuppressionStore.MAX_PAGE));
        }
        Optional<Long> from =
                after == null ? Optional.empty() : Optional.of(QueryNumbers.positive(after, "after", 0, invalid));
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        List<SuppressionStore.Listed> page = lists.list(
                owner, Optional.ofNullable(contains).filter(text -> !text.isBlank()), byReason, from, pageSize);
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        page.forEach(listed -> entries.add(SuppressionJson.entry(listed.entry())));
        JsonObjectBuilder json = CachedJson.createObjectBuilder().add("suppressions", entries);
        if (page.size() == pageSize) {
            json.add("next", Long.toString(page.get(page.size() - 1).id()));
        }
        return json.build().toString();
    }

    public String get(String target) throws NoSuchEntryException {
        SuppressionTarget parsed = target(target);
        List<SuppressionEntry> found = lists.entries(owner, parsed);
        List<SuppressionChange> history = lists.history(owner, parsed);
        if (found.isEmpty() && history.isEmpty()) {
            throw new NoSuchEntryException("no suppression of " + target);
        }
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        found.forEach(entry -> entries.add(SuppressionJson.entry(entry)));
        JsonArrayBuilder changes = CachedJson.createArrayBuilder();
        history.forEach(change -> changes.add(SuppressionJson.change(change)));
        return CachedJson.createObjectBuilder()
                .add("entries", entries)
                .add("history", changes)
                .build()
                .toString();
    }

    public Response remove(String target, String stream, String topic, String note) throws NoSuchEntryException {
        Optional<MessageStream> onStream;
        try {
            onStream = Optional.ofNullable(stream).map(MessageStream::of);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("stream", e.getMessage())));
        }
        Optional<Topic> ofTopic;
        try {
            ofTopic = Optional.ofNullable(topic).map(Topic::of);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("topic", e.getMessage())));
        }
        Optional<String> topicProblem = topicProblem(onStream, ofTopic);
        if (topicProblem.isPresent()) {
            throw ProblemException.invalid(List.of(new InvalidParam("topic", topicProblem.get())));
        }
        Optional<String> why;
        try {
            why = Optional.ofNullable(note).map(SuppressionListRequests::note);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("note", e.getMessage())));
        }
        if (owner.isEmpty() && onStream.isPresent()) {
            throw ProblemException.invalid(
                    List.of(new InvalidParam("stream", "the operator's list is for every stream")));
        }
        Optional<SuppressionEntry> removed = lists.remove(scope(onStream, ofTopic), target(target), actor, why);
        if (removed.isEmpty()) {
            throw new NoSuchEntryException("no suppression of " + target);
        }
        return Response.noContent().build();
    }

    /** Every entry of the owner's lists as CSV, newest first ({@link SuppressionCsv}). */
    public Response export() {
        return Response.ok(SuppressionCsv.export(lists, owner), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"suppressions.csv\"")
                .build();
    }

    /** Imports the rows of a CSV body ({@link SuppressionCsv}); what was added, found there, and refused. */
    public String importCsv(InputStream body) {
        return SuppressionCsv.importFrom(
                        new InputStreamReader(body, StandardCharsets.UTF_8),
                        lists,
                        this::scope,
                        owner.isPresent(),
                        actor)
                .toString();
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

    // A topic's list is one of a tenant's, for its bulk mail.
    private Optional<String> topicProblem(Optional<MessageStream> stream, Optional<Topic> topic) {
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        if (owner.isEmpty()) {
            return Optional.of("the operator's list is for every topic");
        }
        if (stream.filter(chosen -> chosen != MessageStream.BULK).isPresent()) {
            return Optional.of("a topic is one of bulk mail; leave out the stream, or make it bulk");
        }
        return Optional.empty();
    }

    private SuppressionScope scope(Optional<MessageStream> stream, Optional<Topic> topic) {
        if (topic.isPresent()) {
            return SuppressionScope.topic(owner.orElseThrow(), topic.get());
        }
        return owner.map(tenant -> SuppressionScope.tenant(tenant, stream)).orElseGet(SuppressionScope::operator);
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
        if (text.length() > SuppressionEntry.MAX_NOTE) {
            throw new IllegalArgumentException("at most " + SuppressionEntry.MAX_NOTE + " characters");
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
}

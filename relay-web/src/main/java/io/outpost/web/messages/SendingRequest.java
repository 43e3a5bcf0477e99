package io.outpost.web.messages;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads how a sending request wants its message sent (all optional): {@code "stream": "bulk"} ({@code transactional}
 * or {@code bulk}; without it, the API key's default, else the tenant's), {@code "sendAt":
 * "2026-12-24T08:00:00+01:00"} (an RFC 3339 date-time with its offset, at most {@link #MAX_AHEAD} ahead; a time that
 * has passed sends at once, as a late retry of the request should) and {@code "tracking": {"opens": true, "clicks":
 * false, "textLinks": false}} (each part over the tenant's setting for the stream) and {@code "topic": "offers"} (one
 * of the tenant's topics, whose unsubscribe it offers).
 */
record SendingRequest(
        Optional<MessageStream> stream, Optional<Instant> sendAt, TrackingOverride tracking, Optional<Topic> topic) {

    /** How far ahead a message may be scheduled: as far as the common sending APIs allow (SendGrid, Mailgun: 72 h). */
    static final Duration MAX_AHEAD = Duration.ofHours(72);

    /** @param topics the tenant's topics: whether it has one of that name */
    static SendingRequest parse(JsonObject body, Instant now, Predicate<Topic> topics) {
        RequestFields fields = new RequestFields(body);

        Optional<MessageStream> stream = fields.optional("stream", MessageStream::of);
        Optional<Topic> topic = fields.optional("topic", Topic::of);
        if (topic.isPresent() && !topics.test(topic.get())) {
            fields.reject("topic", "names none of your topics (GET /api/v1/topics)");
        }
        if (topic.isPresent()
                && stream.filter(chosen -> chosen != MessageStream.BULK).isPresent()) {
            fields.reject("topic", "is one of bulk mail: send on the bulk stream, or name no topic");
        }
        Optional<Instant> sendAt = fields.optional("sendAt", SendingRequest::time);
        if (sendAt.isPresent() && sendAt.get().isAfter(now.plus(MAX_AHEAD))) {
            fields.reject("sendAt", "at most " + MAX_AHEAD.toHours() + " hours ahead");
        }
        TrackingOverride tracking = tracking(fields, body);
        fields.check();
        return new SendingRequest(stream, sendAt.filter(at -> at.isAfter(now)), tracking, topic);
    }

    /** A request's {@code tracking} object: each of opens, clicks and textLinks true, false or absent. */
    static TrackingOverride tracking(RequestFields fields, JsonObject body) {
        if (body == null || !body.containsKey("tracking") || body.isNull("tracking")) {
            return TrackingOverride.NONE;
        }
        if (!(body.get("tracking") instanceof JsonObject object)) {
            fields.reject("tracking", "must be an object such as {\"opens\": true, \"clicks\": false}");
            return TrackingOverride.NONE;
        }
        RequestFields members = new RequestFields(object);
        TrackingOverride asked = new TrackingOverride(
                members.optionalBoolean("opens"),
                members.optionalBoolean("clicks"),
                members.optionalBoolean("textLinks"));
        for (String name : object.keySet()) {
            if (!List.of("opens", "clicks", "textLinks").contains(name)) {
                fields.reject("tracking." + name, "is not one of opens, clicks, textLinks");
            }
        }
        try {
            members.check();
        } catch (ProblemException e) {
            e.problem().invalidParams().forEach(p -> fields.reject("tracking." + p.name(), p.reason()));
        }
        return asked;
    }

    private static Instant time(String text) {
        try {
            // To the millisecond: what every database keeps, so the answer and the story name the same time.
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "must be an RFC 3339 date-time with its offset, such as" + " 2026-12-24T08:00:00Z");
        }
    }
}

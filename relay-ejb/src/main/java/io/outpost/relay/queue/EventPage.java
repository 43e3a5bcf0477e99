package io.outpost.relay.queue;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a tenant's event stream, in stream order, and the position to read on from: the last event's, or the
 * position asked for when nothing newer has been published yet.
 */
public record EventPage(List<Event> events, long next) {

    public EventPage {
        events = List.copyOf(events);
    }

    /**
     * An event as the stream shows it.
     *
     * @param position its place in the tenant's stream: a reader resumes after it
     * @param messageId the message it is about, or (an event of the tenant's lists) that caused it; empty when none did
     * @param recipient the recipient it is about, empty for an event of the whole message
     * @param target the address or domain an event of the tenant's lists is about ({@link ListEvent})
     * @param labels its message's tags and metadata as stored ({@link MessageLabels}), if it has any
     */
    public record Event(
            long position,
            long id,
            OptionalLong messageId,
            Optional<String> recipient,
            Optional<String> target,
            Instant occurredAt,
            EventKind kind,
            String detail,
            Optional<String> labels) {

        /**
         * Adds what the event is about, as the event stream and webhooks show it: the message's id, the recipient or
         * the list event's target, and the message's labels.
         */
        public void addSubjectTo(JsonObjectBuilder json) {
            messageId.ifPresent(id -> json.add("messageId", Long.toString(id)));
            recipient.ifPresent(address -> json.add("recipient", address));
            target.ifPresent(value -> json.add("target", value));
            MessageLabels.addTo(json, labels);
        }
    }
}

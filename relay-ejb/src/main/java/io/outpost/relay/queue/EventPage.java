package io.outpost.relay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
     * @param recipient the recipient it is about, empty for an event of the whole message
     * @param labels its message's tags and metadata as stored ({@link MessageLabels}), if it has any
     */
    public record Event(
            long position,
            long id,
            long messageId,
            Optional<String> recipient,
            Instant occurredAt,
            EventKind kind,
            String detail,
            Optional<String> labels) {}
}

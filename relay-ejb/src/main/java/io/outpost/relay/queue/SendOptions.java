package io.outpost.relay.queue;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.tracking.TrackingOverride;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How its submitter asked for a message to be sent, stored with it in its own commit.
 *
 * @param stream the stream it goes on
 * @param sendAt when its first attempt is due, if later than at once; it can be cancelled until then
 * @param idempotency what the commit writes under the HTTP request's idempotency key: that it made the message
 * @param labels the tags and metadata an HTTP request gave it
 * @param tracking what the request asked to track, over its tenant's setting for its stream
 * @param topic the topic of its tenant's bulk mail it names, if any
 */
public record SendOptions(
        MessageStream stream,
        Optional<Instant> sendAt,
        Optional<IdempotencyMark> idempotency,
        Optional<MessageLabels> labels,
        TrackingOverride tracking,
        Optional<Topic> topic) {

    /** Sent at once on {@code stream}, with no key or labels, tracked as its tenant says: how SMTP submits. */
    public static SendOptions on(MessageStream stream) {
        return new SendOptions(
                stream, Optional.empty(), Optional.empty(), Optional.empty(), TrackingOverride.NONE, Optional.empty());
    }

    public SendOptions {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(topic, "topic");
    }
}

package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import java.time.Instant;
import java.util.Optional;

/**
 * What a delivery attempt needs of a queued message. Closing it deletes the spool file its bytes were read into.
 *
 * @param sender the envelope sender as received, to whom DSNs go
 * @param returnPath the domain of the per-recipient VERP envelope sender on the wire, or empty to send as {@code sender}
 * @param tenant whose message it is, whose its DSNs are too
 * @param stream the stream it goes on
 * @param sendAt when it was scheduled to go, if it was
 * @param topic the topic of its tenant's bulk mail it names, if any
 */
public record MessageForDelivery(
        long messageId,
        ReversePath sender,
        Optional<Domain> returnPath,
        Instant receivedAt,
        Optional<TenantId> tenant,
        MessageContent content,
        MessageStream stream,
        Optional<Instant> sendAt,
        Optional<Topic> topic)
        implements AutoCloseable {

    /** When its time in the queue began, from which its retries are spaced and its lifetime counted. */
    public Instant queuedSince() {
        return sendAt.filter(at -> at.isAfter(receivedAt)).orElse(receivedAt);
    }

    @Override
    public void close() {
        content.close();
    }
}

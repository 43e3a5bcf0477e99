package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
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
 */
public record MessageForDelivery(
        long messageId,
        ReversePath sender,
        Optional<Domain> returnPath,
        Instant receivedAt,
        Optional<TenantId> tenant,
        MessageContent content)
        implements AutoCloseable {

    @Override
    public void close() {
        content.close();
    }
}

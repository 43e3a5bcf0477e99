package io.outpost.relay.queue;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is known of one message: its envelope and origin, each recipient's state, and what happened to it, in order.
 *
 * @param client the address of the client that submitted it, empty for Outpost's own messages (DSNs)
 * @param authentication how it was signed and aligned for DMARC, or why not
 * @param headerMessageId its Message-ID field's msg-id, without the angle brackets, if it has one
 * @param labels its tags and metadata as stored ({@link MessageLabels}), if it has any
 * @param stream the stream it went on; empty for a message from before streams, or one refused before it had one
 * @param sendAt when it was scheduled to go, if it was
 */
public record MessageStory(
        long id,
        Optional<TenantId> tenant,
        String sender,
        Instant receivedAt,
        String client,
        long sizeOctets,
        String authentication,
        Optional<String> headerMessageId,
        List<Recipient> recipients,
        List<Event> events,
        Optional<String> labels,
        Optional<MessageStream> stream,
        Optional<Instant> sendAt) {

    public MessageStory {
        recipients = List.copyOf(recipients);
        events = List.copyOf(events);
    }

    /** One recipient as it stands now. */
    public record Recipient(
            long id,
            String address,
            RecipientState state,
            int attempts,
            Optional<Instant> nextAttemptAt,
            Optional<String> lastReply) {}

    /** One thing that happened, to the message or, when {@code recipientId} is set, to one of its recipients. */
    public record Event(Instant at, EventKind kind, Optional<Long> recipientId, String detail) {}
}

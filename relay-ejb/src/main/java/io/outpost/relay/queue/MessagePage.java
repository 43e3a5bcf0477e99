package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One page of a message listing, and the cursor of the next page if there may be one. */
public record MessagePage(List<Summary> messages, Optional<MessageCursor> next) {

    public MessagePage {
        messages = List.copyOf(messages);
    }

    /** A message as a listing shows it: its envelope, Message-ID and each recipient's state; the story has the rest. */
    public record Summary(
            long id,
            Optional<TenantId> tenant,
            String sender,
            Instant receivedAt,
            Optional<String> headerMessageId,
            List<MessageStory.Recipient> recipients) {

        public Summary {
            recipients = List.copyOf(recipients);
        }
    }
}

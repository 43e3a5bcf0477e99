package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which messages to list, newest first: one tenant's (empty: any tenant's, for an operator looking one up by
 * Message-ID), received in {@code [from, until)}, with the given envelope sender, a recipient with the given address or
 * in the given state, with the given Message-ID, carrying the given tag; the page after {@code after}, at most {@code limit} messages.
 */
public record MessageQuery(
        Optional<TenantId> tenant,
        Optional<Instant> from,
        Optional<Instant> until,
        Optional<String> sender,
        Optional<String> recipient,
        Optional<RecipientState> state,
        Optional<String> headerMessageId,
        Optional<String> tag,
        Optional<MessageCursor> after,
        int limit) {

    /** The largest page a listing returns. */
    public static final int MAX_LIMIT = 100;

    public MessageQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(headerMessageId, "headerMessageId");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        if (tenant.isEmpty() && headerMessageId.isEmpty()) {
            // Without a tenant only the Message-ID index narrows the search: any other listing would sort the queue.
            throw new IllegalArgumentException("a listing across tenants needs a Message-ID");
        }
    }
}

package io.outpost.relay.webhook;

import io.outpost.relay.queue.EventKind;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's webhook endpoint as the API shows it: never its secret.
 *
 * @param events the event kinds it is sent; empty: all
 * @param cursor the stream position up to which every event has been sent
 * @param failures failed attempts in a row; {@code failingSince} since when
 * @param disabledAt when it was given up on, with why; a disabled endpoint is sent nothing until enabled again
 */
public record WebhookView(
        long id,
        String url,
        Set<EventKind> events,
        Instant createdAt,
        long cursor,
        int failures,
        Optional<Instant> failingSince,
        Instant nextAttemptAt,
        Optional<Instant> disabledAt,
        Optional<String> disabledReason) {

    public WebhookView {
        events = Set.copyOf(events);
    }
}

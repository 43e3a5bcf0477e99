package io.outpost.relay.webhook;

import java.time.Instant;
import java.util.Optional;

/** One line of an endpoint's delivery log: an event sent (or not), or the endpoint given up on. */
public record WebhookDelivery(
        long id,
        Optional<Long> eventId,
        Optional<Long> position,
        Instant at,
        Outcome outcome,
        Optional<Integer> status,
        String detail,
        Optional<Long> tookMillis) {

    public enum Outcome {
        /** The endpoint answered 2xx. */
        SENT,
        /** Another answer, or none: it is retried. */
        FAILED,
        /** The endpoint failed for too long and was disabled. */
        DISABLED
    }
}

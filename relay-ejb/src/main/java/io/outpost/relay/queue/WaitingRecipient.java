package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A recipient still to deliver, as the operator's queue page lists it.
 *
 * @param nextAttemptAt when it is due; for a held one, {@link OperatorActions#HELD_UNTIL}
 * @param inAttempt an attempt holds it now (its lease runs)
 */
public record WaitingRecipient(
        long recipientId,
        long messageId,
        Optional<TenantId> tenant,
        EmailAddress address,
        RecipientState state,
        int attempts,
        Instant nextAttemptAt,
        boolean inAttempt,
        Optional<String> lastReply,
        Instant updatedAt,
        Instant receivedAt) {

    /** Where a waiting recipient stands, as the operator counts them. */
    public enum Standing {
        /** Not attempted yet, and not held. */
        QUEUED,
        /** Attempted, waiting for its next retry, and not held. */
        DEFERRED,
        /** Held by the operator: no attempt until released. */
        HELD,
        /** An attempt holds it now. */
        IN_ATTEMPT
    }

    public boolean held() {
        return OperatorActions.held(nextAttemptAt);
    }

    public Standing standing() {
        if (held()) {
            return Standing.HELD;
        }
        if (inAttempt) {
            return Standing.IN_ATTEMPT;
        }
        return state == RecipientState.DEFERRED ? Standing.DEFERRED : Standing.QUEUED;
    }
}

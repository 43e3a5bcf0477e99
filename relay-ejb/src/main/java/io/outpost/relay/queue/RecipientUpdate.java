package io.outpost.relay.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * The result of one attempt for one recipient, as the queue records it: the new state, the remote reply, and for
 * {@link RecipientState#DEFERRED} when to try again.
 */
public record RecipientUpdate(long recipientId, RecipientState state, String reply, Optional<Instant> nextAttempt) {

    public RecipientUpdate {
        if (state == RecipientState.QUEUED) {
            throw new IllegalArgumentException("an attempt never leaves a recipient QUEUED");
        }
        if ((state == RecipientState.DEFERRED) != nextAttempt.isPresent()) {
            throw new IllegalArgumentException("exactly the DEFERRED state has a next attempt");
        }
    }
}

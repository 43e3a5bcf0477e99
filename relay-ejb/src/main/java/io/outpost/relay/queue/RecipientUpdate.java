package io.outpost.relay.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * The result of one attempt for one recipient, as the queue records it: the new state, the remote reply, and for
 * {@link RecipientState#DEFERRED} when to try again. {@code claimToken} is the token of the claim the attempt was made
 * under: the update is recorded only if that claim still holds the recipient.
 */
public record RecipientUpdate(
        long recipientId, long claimToken, RecipientState state, String reply, Optional<Instant> nextAttempt) {

    public RecipientUpdate {
        if (state == RecipientState.QUEUED) {
            throw new IllegalArgumentException("an attempt never leaves a recipient QUEUED");
        }
        if ((state == RecipientState.DEFERRED) != nextAttempt.isPresent()) {
            throw new IllegalArgumentException("exactly the DEFERRED state has a next attempt");
        }
    }
}

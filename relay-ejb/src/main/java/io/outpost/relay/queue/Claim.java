package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import java.security.SecureRandom;

/**
 * A recipient leased to this node for one delivery attempt. {@code token} names this claim: the attempt's outcome is
 * recorded, and its lease renewed, only while the recipient's row still carries it (see {@link QueuedRecipient}).
 */
public record Claim(long recipientId, long messageId, EmailAddress recipient, int attemptsMade, long token) {

    private static final SecureRandom TOKENS = new SecureRandom();

    /** A token for a new claim: random, so claims of different nodes and of different runs never share one. */
    static long newToken() {
        return TOKENS.nextLong();
    }
}

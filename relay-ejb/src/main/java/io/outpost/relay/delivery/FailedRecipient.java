package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import java.time.Instant;
import java.util.Optional;

/**
 * A recipient a DSN reports as failed: the last reply it got, from which host, and when. The reply is a 5xx for a
 * bounce, or the last 4xx of a message that expired in the queue.
 */
public record FailedRecipient(
        EmailAddress recipient, SmtpReply reply, Optional<RemoteHost> remoteMta, Instant lastAttempt) {

    /** RFC 3463 X.4.7: delivery time expired. */
    private static final String EXPIRED = "5.4.7";

    public FailedRecipient {
        if (recipient == null || reply == null || remoteMta == null || lastAttempt == null) {
            throw new IllegalArgumentException("failed recipient needs recipient, reply, remote MTA and time");
        }
        if (reply.isPositive()) {
            throw new IllegalArgumentException("a delivered recipient did not fail: " + reply);
        }
    }

    /** From the outcome of the last attempt. */
    public static FailedRecipient of(RecipientOutcome outcome, Instant lastAttempt) {
        return new FailedRecipient(outcome.recipient(), outcome.reply(), outcome.remoteHost(), lastAttempt);
    }

    /**
     * The DSN Status (RFC 3464 §2.3.4): the remote's own enhanced code for a permanent failure; for a message that
     * expired after temporary failures, 5.4.7, as "failed" must carry a 5.x.x status.
     */
    public String status() {
        if (reply.isTransientFailure()) {
            return EXPIRED;
        }
        return reply.enhancedStatus().orElse("5.0.0");
    }
}

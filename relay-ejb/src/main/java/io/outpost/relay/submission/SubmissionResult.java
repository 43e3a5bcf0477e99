package io.outpost.relay.submission;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import java.util.Optional;
import java.util.OptionalLong;

/** What became of a submitted message: committed to the queue, or refused with the reply that says why. */
public sealed interface SubmissionResult {

    /** Committed; {@code messageId} names it in the queue. */
    record Queued(long messageId) implements SubmissionResult {}

    /** Created by an earlier request with the same idempotency key: its answer again, and nothing new. */
    record Replayed(long messageId, int recipients) implements SubmissionResult {}

    /** The idempotency key was used before with another request: nothing was done. */
    record IdempotencyKeyReused(String key) implements SubmissionResult {}

    /** A request with the same idempotency key is still running: nothing was done; ask again in a moment. */
    record IdempotencyKeyInUse(String key) implements SubmissionResult {}

    /**
     * Not committed; the reply (4xx: try again later, 5xx: do not) says why.
     *
     * @param refusedBy the policy that refused it (one of the relay's rules, such as {@code sender-binding}, or an
     *     operator's plugin); empty when no policy did (the queue could not take it, it cannot be signed)
     * @param recordId the id of the refused message's record, whose story tells of the refusal; empty when it was not
     *     recorded
     */
    record Refused(SmtpReply reply, Optional<String> refusedBy, OptionalLong recordId) implements SubmissionResult {

        /** Refused by no policy, and not recorded. */
        public Refused(SmtpReply reply) {
            this(reply, Optional.empty(), OptionalLong.empty());
        }
    }

    /** Not committed because of one recipient, which the policy's reply (4xx or 5xx) is about. */
    record RecipientRefused(EmailAddress recipient, SmtpReply reply, String refusedBy, OptionalLong recordId)
            implements SubmissionResult {}
}

package io.outpost.relay.intake;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;

/** What became of a submitted message: committed to the queue, or refused with the reply that says why. */
public sealed interface SubmissionResult {

    /** Committed; {@code messageId} names it in the queue. */
    record Queued(long messageId) implements SubmissionResult {}

    /** Not committed; the reply (4xx: try again later, 5xx: do not) says why. */
    record Refused(SmtpReply reply) implements SubmissionResult {}

    /** Not committed because of one recipient, which the reply (4xx or 5xx, a policy's own) is about. */
    record RecipientRefused(EmailAddress recipient, SmtpReply reply) implements SubmissionResult {}
}

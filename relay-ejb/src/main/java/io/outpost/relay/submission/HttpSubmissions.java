package io.outpost.relay.submission;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.Cancellation;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.rules.SenderBinding;
import io.outpost.relay.rules.SendingLimitsRule;
import java.util.List;

/**
 * Where the HTTP API hands its messages: through the same submission pipeline as SMTP (MAIL, each RCPT, then the
 * message), then the queue. The answer comes only after the commit.
 */
public interface HttpSubmissions {

    /** The relay's rule binding senders to their tenant's domains, as {@link SubmissionResult} names it. */
    String SENDER_BINDING = SenderBinding.NAME;

    /** The relay's rule holding each credential to its limits, as {@link SubmissionResult} names it. */
    String SENDING_LIMITS = SendingLimitsRule.NAME;

    /**
     * Queues a message from the HTTP API under the same rules as an SMTP submission; it gets a Received field ("with
     * HTTPS"), a Message-ID and Date if it has none. Never throws for a refusal: that is a result.
     */
    SubmissionResult submit(HttpSubmission submission);

    /**
     * Queues several messages (a batch) under the same rules, each on its own: one refused does not stop the others.
     * All are handed to the group commit before any is waited for, so they are committed together. Results in order.
     * A message marked as a {@link io.outpost.relay.queue.BatchItem} is named under its batch's key in its commit.
     */
    List<SubmissionResult> submitAll(List<HttpSubmission> submissions);

    /**
     * Claims a batch's idempotency key before it runs, with a place for each of its {@code recipients}; or gives the
     * first run's answer, or says why nothing runs.
     */
    BatchClaim claimBatch(IdempotencyKey key, int recipients);

    /**
     * After a claimed batch ran: keeps its answer with the key for any retry, or, when it made no message at all, lets
     * the key go so that a retry runs again.
     *
     * @param messages how many messages the batch made, in this run and any earlier one
     */
    void finishBatch(IdempotencyKey key, String answer, int messages);

    /**
     * After a claimed batch failed with an error of its own: lets the key go so that a retry runs again, unless some of
     * its messages were committed (then a retry, once the claim counts as abandoned, sends only the others).
     */
    void abandonBatch(IdempotencyKey key);

    /** Cancels the tenant's scheduled message before its time; its recipients end CANCELLED, and its story says so. */
    Cancellation cancel(TenantId tenant, long messageId);
}

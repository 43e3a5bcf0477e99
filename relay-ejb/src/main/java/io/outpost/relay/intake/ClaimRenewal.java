package io.outpost.relay.intake;

import io.outpost.relay.queue.BatchItem;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.IdempotentAnswer;
import io.outpost.relay.submission.HttpSubmission;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a running batch's idempotency claim alive while its messages pass the pipeline and wait for their commits, which
 * for 1,000 recipients and slow policies may outlast {@link IdempotentAnswer}'s abandonment time: otherwise a retry
 * would take the claim over and send again what is still being committed. Renewed at most every
 * {@link IdempotentAnswer#RENEWED_EVERY}, from the loops that run the batch.
 */
final class ClaimRenewal {

    private final Optional<IdempotencyKey> batch;
    private final Consumer<IdempotencyKey> renew;
    private final LongSupplier nanoTime;
    private final long everyNanos;
    private long last;

    ClaimRenewal(List<HttpSubmission> submissions, Consumer<IdempotencyKey> renew, LongSupplier nanoTime) {
        this(submissions, renew, nanoTime, IdempotentAnswer.RENEWED_EVERY);
    }

    ClaimRenewal(
            List<HttpSubmission> submissions, Consumer<IdempotencyKey> renew, LongSupplier nanoTime, Duration every) {
        this.batch = submissions.stream()
                .flatMap(submission -> submission.idempotency().stream())
                .filter(BatchItem.class::isInstance)
                .map(mark -> ((BatchItem) mark).batch())
                .findFirst();
        this.renew = renew;
        this.nanoTime = nanoTime;
        this.everyNanos = every.toNanos();
        this.last = nanoTime.getAsLong();
    }

    /** Renews the claim if the last renewal (or the start) is long enough ago; nothing for a batch without a key. */
    void tick() {
        if (batch.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - last >= everyNanos) {
            renew.accept(batch.get());
            last = now;
        }
    }
}

package io.outpost.relay.queue;

import java.util.Objects;

/**
 * One recipient's message of a batch sent with an idempotency key: its commit names it under the batch's key, so a
 * retry after a crash half-way sends only the recipients whose messages were not committed.
 *
 * @param index the recipient's place in the batch's {@code recipients}, from 0
 */
public record BatchItem(IdempotencyKey batch, int index) implements IdempotencyMark {

    public BatchItem {
        Objects.requireNonNull(batch, "batch");
        if (index < 0) {
            throw new IllegalArgumentException("a batch item's index is 0 or more");
        }
    }
}

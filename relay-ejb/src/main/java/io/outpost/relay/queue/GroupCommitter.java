package io.outpost.relay.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: many callers each submit one item and get a future; one thread takes whatever has gathered (up to a
 * batch size) and commits it all in one transaction, then completes every caller's future. Under load a commit serves
 * dozens of SMTP sessions at once; when idle an item is committed the moment it arrives, with no added wait.
 *
 * <p>A caller's future completes only after the batch's transaction has committed and the sync step has made it
 * durable, or exceptionally if either failed, so no caller can acknowledge an item that a power cut could still take.
 * The batch function must return one result per item, in order.
 *
 * <p>A batch may also be bounded by weight (the octets of the messages in it): the database holds a transaction's large
 * values in memory until it commits (H2 buffers every page a transaction wrote), so many large messages are committed
 * in several smaller transactions instead of one huge one. A single item heavier than the bound is a batch of its own.
 */
public final class GroupCommitter<T, R> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());

    private record Pending<T, R>(T item, CompletableFuture<R> result) {}

    private final String name;
    private final int maxBatch;
    private final Function<List<T>, List<R>> commitBatch;
    private final Runnable syncAfterCommit;
    private final ToLongFunction<T> weight;
    private final long maxBatchWeight;
    private final BlockingQueue<Pending<T, R>> pending;
    private final Thread committer;
    private volatile boolean running = true;

    public GroupCommitter(String name, int maxBatch, Function<List<T>, List<R>> commitBatch, ThreadFactory threads) {
        this(name, maxBatch, commitBatch, () -> {}, threads);
    }

    /** A committer that runs {@code syncAfterCommit} after each batch's commit and before completing its futures. */
    public GroupCommitter(
            String name,
            int maxBatch,
            Function<List<T>, List<R>> commitBatch,
            Runnable syncAfterCommit,
            ThreadFactory threads) {
        this(name, maxBatch, commitBatch, syncAfterCommit, threads, item -> 0, Long.MAX_VALUE);
    }

    /** A syncing committer whose batches weigh at most {@code maxBatchWeight} (but hold at least one item). */
    public GroupCommitter(
            String name,
            int maxBatch,
            Function<List<T>, List<R>> commitBatch,
            Runnable syncAfterCommit,
            ThreadFactory threads,
            ToLongFunction<T> weight,
            long maxBatchWeight) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.commitBatch = commitBatch;
        this.syncAfterCommit = syncAfterCommit;
        this.weight = weight;
        this.maxBatchWeight = maxBatchWeight;
        this.pending = new ArrayBlockingQueue<>(maxBatch * 64);
        this.committer = threads.newThread(this::run);
        this.committer.setName("outpost-commit-" + name);
        this.committer.start();
    }

    /** Queues an item for the next commit; the future completes when that commit has happened or failed. */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException(name + " committer is stopped"));
            return result;
        }
        try {
            pending.put(new Pending<>(item, result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        }
        if (!running && !committer.isAlive()) {
            // Stopped while this item went in: nobody will take it, so it must not wait out its caller's timeout.
            failRemaining();
        }
        return result;
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !pending.isEmpty()) {
            try {
                Pending<T, R> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gatherAfter(first, batch);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
        failRemaining();
    }

    // This thread is the queue's only consumer, so what peek() sees is what poll() takes.
    private void gatherAfter(Pending<T, R> first, List<Pending<T, R>> batch) {
        long batchWeight = weight.applyAsLong(first.item());
        Pending<T, R> next;
        while (batch.size() < maxBatch && (next = pending.peek()) != null) {
            long nextWeight = weight.applyAsLong(next.item());
            if (batchWeight + nextWeight > maxBatchWeight) {
                return;
            }
            batch.add(pending.poll());
            batchWeight += nextWeight;
        }
    }

    private void commit(List<Pending<T, R>> batch) {
        // A caller that gave up (its future cancelled on a timeout) may already have freed what its item refers to.
        batch.removeIf(p -> p.result().isDone());
        if (batch.isEmpty()) {
            return;
        }
        List<R> results;
        try {
            results = commitBatch.apply(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("commit returned " + results.size() + " results for " + batch.size());
            }
            // One sync for the whole batch: what makes fsync before the 250 affordable (group commit).
            syncAfterCommit.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " commit of " + batch.size() + " items failed", e);
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    private void failRemaining() {
        Pending<T, R> left;
        while ((left = pending.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException(name + " committer is stopped"));
        }
    }

    /** Commits what is already queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

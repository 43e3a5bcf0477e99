package io.outpost.relay.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds committed messages to the message listing ({@link QueueCommits#index}) a little after their commit, many at a
 * time: it gathers the ids that arrive within {@link #GATHER} of the first one and indexes them in one transaction. On
 * the embedded database each transaction writes a chunk of every page it touched, so one per message cost one session
 * a tenth of its rate even off the path of the 250 (docs/performance.md); a few per second cost nothing measurable.
 *
 * <p>Not durable by design: ids still waiting when the server dies are indexed at the next start
 * ({@link QueueCommits#indexUnindexed}), as are any whose transaction failed.
 */
public final class ListingIndexer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListingIndexer.class.getName());

    /** How long ids gather after the first before they are indexed: how late a new message can be listed. */
    static final Duration GATHER = Duration.ofMillis(200);

    private static final int MAX_BATCH = 1_000;
    private static final int MAX_PENDING = 100_000;

    private final Consumer<List<Long>> index;
    private final BlockingQueue<Long> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Thread worker;
    private volatile boolean running = true;

    public ListingIndexer(Consumer<List<Long>> index, ThreadFactory threads) {
        this.index = index;
        this.worker = threads.newThread(this::run);
        this.worker.setName("outpost-listing-indexer");
        this.worker.start();
    }

    /** Lists the message soon; never blocks (past {@code MAX_PENDING} waiting, the next start lists it). */
    public void add(long messageId) {
        if (!pending.offer(messageId)) {
            LOG.fine(() -> "message " + messageId + " left for the listing's repair at the next start");
        }
    }

    private void run() {
        List<Long> batch = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Long first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                if (running) {
                    Thread.sleep(GATHER.toMillis());
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                index.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, batch.size() + " messages not yet in the listing; the next start adds them", e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Indexes what is waiting, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

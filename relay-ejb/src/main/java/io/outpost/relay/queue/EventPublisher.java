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
 * Publishes what the queue's commits did, a little after each commit and many at a time ({@link QueueCommits#publish}):
 * new messages into the message listing and the event stream, recorded events into the event stream. It gathers what
 * arrives within {@link #GATHER} of the first item and publishes it in one transaction, in the order it arrived (a
 * message before the outcomes of its attempts). On the embedded database each transaction writes a chunk of every page
 * it touched, so one per message cost one session a tenth of its rate even off the path of the 250
 * (docs/performance.md); a few per second cost nothing measurable.
 *
 * <p>Not durable by design: what is still waiting when the server dies is published at the next start ({@link
 * QueueCommits#publishUnpublished}), as is anything whose transaction failed.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    /** How long items gather after the first before they are published: how late the listing and the stream are. */
    static final Duration GATHER = Duration.ofMillis(200);

    private static final int MAX_BATCH = 2_000;
    private static final int MAX_PENDING = 200_000;

    /** A committed message or event, to publish. */
    public record Committed(long id, boolean message) {

        static Committed message(long messageId) {
            return new Committed(messageId, true);
        }

        static Committed event(long eventId) {
            return new Committed(eventId, false);
        }
    }

    private final Consumer<List<Committed>> publish;
    private final BlockingQueue<Committed> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Thread worker;
    private volatile boolean running = true;

    public EventPublisher(Consumer<List<Committed>> publish, ThreadFactory threads) {
        this.publish = publish;
        this.worker = threads.newThread(this::run);
        this.worker.setName("outpost-event-publisher");
        this.worker.start();
    }

    /** Publishes these soon, in this order; never blocks (past {@code MAX_PENDING} waiting, the next start does). */
    void add(List<Committed> committed) {
        for (Committed item : committed) {
            if (!pending.offer(item)) {
                LOG.warning(() -> item + " left to be published at the next start: " + MAX_PENDING + " are waiting");
            }
        }
    }

    private void run() {
        List<Committed> batch = new ArrayList<>();
        boolean interrupted = false;
        while (!interrupted && (running || !pending.isEmpty())) {
            try {
                Committed first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running) {
                    Thread.sleep(GATHER.toMillis());
                }
            } catch (InterruptedException e) {
                // Stopping: what was taken and what waits is published once more below, without blocking.
                interrupted = true;
            }
            pending.drainTo(batch, MAX_BATCH - batch.size());
            publishOrSplit(batch);
            batch.clear();
        }
        if (interrupted) {
            pending.drainTo(batch);
            publishOrSplit(batch);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes the batch in one transaction; if that fails, each item in a transaction of its own, so one item the
     * database refuses (or a moment's failure) costs only that item, which the next start publishes.
     */
    private void publishOrSplit(List<Committed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            publish.accept(batch);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "publishing " + batch.size() + " items together failed; publishing them one by one", e);
        }
        int failed = 0;
        for (Committed item : batch) {
            try {
                publish.accept(List.of(item));
            } catch (RuntimeException e) {
                failed++;
                LOG.log(Level.WARNING, item + " not published; the next start publishes it", e);
            }
        }
        if (failed > 0) {
            int count = failed;
            LOG.warning(() -> count + " of " + batch.size() + " messages and events not yet published");
        }
    }

    /** Publishes what is waiting, then stops. */
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

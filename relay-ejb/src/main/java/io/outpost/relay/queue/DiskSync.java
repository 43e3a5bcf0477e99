package io.outpost.relay.queue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Syncs shared by every committer of one database. A committer needs a sync that <em>starts</em> after its commit: one
 * already running when it asks may have missed it. So whoever asks while a sync runs waits for the next one, and the
 * next one, run by one of the waiters, covers them all. The intake and the delivery outcomes then share their fsyncs
 * instead of queueing one behind the other on the database's own lock (H2 syncs under its database monitor), which a
 * profile showed costing one session about a fifth of its wait for the 250 (docs/performance.md).
 */
final class DiskSync {

    /** One sync of everything committed before it started. */
    interface Action {
        void run() throws SQLException;
    }

    private final Action sync;
    private long started;
    private long finished;
    private boolean running;

    DiskSync(Action sync) {
        this.sync = sync;
    }

    /** Returns once a sync that started after this call has succeeded; throws if the one this caller ran failed. */
    void afterCommit() throws SQLException {
        afterCommit(Duration.ZERO);
    }

    /**
     * As {@link #afterCommit()}, but first waits up to {@code patience} for another caller to start that sync, and
     * rides on it: for commits that may wait a little, so that they cost no fsync of their own while others sync often.
     */
    void afterCommit(Duration patience) throws SQLException {
        long generation;
        synchronized (this) {
            long needed = started + 1;
            long deadline = System.nanoTime() + patience.toNanos();
            while (finished < needed) {
                long left = deadline - System.nanoTime();
                if (running) {
                    awaitChange(0);
                } else if (left > 0) {
                    awaitChange(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } else {
                    break;
                }
            }
            if (finished >= needed) {
                return;
            }
            running = true;
            generation = ++started;
        }
        boolean synced = false;
        try {
            sync.run();
            synced = true;
        } finally {
            synchronized (this) {
                running = false;
                if (synced) {
                    finished = generation;
                }
                notifyAll();
            }
        }
    }

    private void awaitChange(long timeoutMillis) {
        try {
            wait(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the disk sync", e);
        }
    }
}

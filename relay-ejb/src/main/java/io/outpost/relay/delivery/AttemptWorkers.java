package io.outpost.relay.delivery;

import io.outpost.relay.queue.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery workers and the claims they hold. The hand-off is bounded: at most {@code waiting} attempts wait for a
 * worker (and claims fill no more than as many places as there are workers, {@link #room()}); an attempt that finds no room (or workers that have stopped) gives its claims back to the queue, due at
 * once, so back-pressure keeps recipients in the database rather than in memory. While an attempt waits or runs, its
 * leases are renewed before half of a lease is gone, so a slow destination does not get the same recipient twice; once
 * it has handed its outcome to the group commit it is done here (the commit takes milliseconds, the lease minutes, and
 * a renewal racing the outcome's update for the same rows could only make them wait on each other).
 * Recipients left due for want of room (claims given back, or a claim that stopped when the workers were full) are
 * claimed again as soon as an attempt ends ({@code roomAfterRelease}), not only at the next poll: under a backlog the
 * workers would otherwise idle for up to a poll interval between the few claims each poll has room for.
 *
 * <p>Safe for concurrent use: intake threads submit, the scheduler's timer claims and renews.
 */
final class AttemptWorkers implements AutoCloseable {

    /** What the queue does with the claims of attempts: extend their leases, or give them up. */
    interface Leases {
        /** Extends the leases these claims still hold by one lease from now. */
        void renew(List<Claim> claims);

        /** Makes the recipients these claims still hold due at once. */
        void release(List<Claim> claims);
    }

    private static final Logger LOG = Logger.getLogger(AttemptWorkers.class.getName());

    private final int workers;
    private final ThreadPoolExecutor pool;
    private final Leases leases;
    private final Duration lease;
    private final Clock clock;
    private final Map<List<Claim>, Instant> held = new ConcurrentHashMap<>();
    private final BooleanSupplier roomAfterRelease;
    private final AtomicBoolean dueLeft = new AtomicBoolean();

    /**
     * @param workers how many attempts run at once
     * @param waiting how many more may wait for a worker
     * @param roomAfterRelease run on a worker thread when an attempt ends while due recipients were left for want of
     *     room: it claims again and says whether due recipients may still remain (then the next attempt to end runs it
     *     again)
     */
    AttemptWorkers(
            int workers,
            int waiting,
            ThreadFactory threads,
            Leases leases,
            Duration lease,
            Clock clock,
            BooleanSupplier roomAfterRelease) {
        this.workers = workers;
        this.pool = new ThreadPoolExecutor(
                workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(waiting), threads);
        this.leases = leases;
        this.lease = lease;
        this.clock = clock;
        this.roomAfterRelease = roomAfterRelease;
    }

    /**
     * Starts {@code attempt} on {@code claims}, or, when the workers are full or stopped, releases the claims. Never
     * throws: whatever cannot run now stays in the queue for a later claim. Returns whether the attempt was taken.
     */
    boolean submit(List<Claim> claims, Runnable attempt) {
        Task task = new Task(List.copyOf(claims), attempt);
        held.put(task.claims, clock.instant().plus(lease));
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            held.remove(task.claims);
            release(task.claims);
            claimWhenRoom();
            return false;
        }
    }

    /**
     * Has the next attempt to end claim again: due recipients remain that the workers had no room for. A poll that
     * stops for want of room calls this, so the claiming goes on as attempts end, whatever broke its chain before.
     */
    void claimWhenRoom() {
        dueLeft.set(!pool.isShutdown());
    }

    /**
     * How many attempts a claim should take now: no more than would keep as many waiting as there are workers. The
     * waiting places beyond those are for new mail, which intake hands over a whole group commit at a time; a claim that
     * took them would leave new mail to be released and read back, and would hold leases on more recipients than this
     * node can serve, which other nodes sharing the queue could deliver.
     */
    int room() {
        return pool.isShutdown() ? 0 : Math.max(0, workers - pool.getQueue().size());
    }

    /** How many attempts are waiting or running. */
    int inHand() {
        return held.size();
    }

    /**
     * Renews, in one call, the leases of waiting and running attempts whose lease is half gone; call it more often than
     * that.
     */
    void renewLeases() {
        Instant now = clock.instant();
        Instant renewBefore = now.plus(lease.dividedBy(2));
        List<List<Claim>> due = held.entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(renewBefore))
                .map(Map.Entry::getKey)
                .toList();
        if (due.isEmpty()) {
            return;
        }
        try {
            leases.renew(due.stream().flatMap(List::stream).toList());
            due.forEach(claims -> held.computeIfPresent(claims, (c, old) -> now.plus(lease)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease renewal failed; the next tick tries again", e);
        }
    }

    private boolean claimAgain() {
        try {
            return roomAfterRelease.getAsBoolean();
        } catch (RuntimeException e) {
            // The released claims are due in the queue: the next poll takes them.
            LOG.log(Level.WARNING, "claiming again after an attempt failed; the next poll will", e);
            return false;
        }
    }

    private void release(List<Claim> claims) {
        try {
            leases.release(claims);
        } catch (RuntimeException e) {
            // Still leased to this node: due again when the lease runs out, or at this node's next start.
            LOG.log(Level.WARNING, "could not give back " + claims.size() + " claims; their lease will run out", e);
        }
    }

    /**
     * Gives back the claims of attempts that have not started, then lets running attempts finish (up to {@code wait}).
     * Attempts still running after that keep their leases: this node's next start releases them (QueueStore).
     */
    void stop(Duration wait) {
        List<Runnable> waiting = new ArrayList<>();
        // Shut down first: a task queued after the drain would otherwise both run and have its claims released.
        pool.shutdown();
        pool.getQueue().drainTo(waiting);
        for (Runnable task : waiting) {
            List<Claim> claims = ((Task) task).claims;
            held.remove(claims);
            release(claims);
        }
        try {
            pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        if (!held.isEmpty()) {
            LOG.info(
                    () -> held.size() + " delivery attempts stopped; their recipients are due again at the next start");
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** An attempt and the claims it holds; claims carry their token, so no two attempts hold equal lists. */
    private final class Task implements Runnable {
        private final List<Claim> claims;
        private final Runnable attempt;

        Task(List<Claim> claims, Runnable attempt) {
            this.claims = claims;
            this.attempt = attempt;
        }

        @Override
        public void run() {
            try {
                attempt.run();
            } finally {
                held.remove(claims);
            }
            if (dueLeft.compareAndSet(true, false) && claimAgain()) {
                claimWhenRoom();
            }
        }
    }
}

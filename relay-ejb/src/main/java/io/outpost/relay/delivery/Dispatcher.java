package io.outpost.relay.delivery;

import io.outpost.relay.queue.AttemptRecord;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.sending.ReturnPathToken;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Hands claimed recipients to the workers, one {@link DeliveryAttempt} per message, and on each {@link #poll} renews
 * the leases in hand and claims what is due while the workers have room. The container-free core of
 * {@link DeliveryScheduler}, which supplies the timer; each call on the {@link QueueStore} is one transaction, and the
 * outcomes of attempts are recorded by group commit ({@link QueueCommits#record}).
 *
 * <p>Safe for concurrent use: intake threads dispatch new mail while the timer polls, and a worker polls too when an
 * attempt ends after claims were given back for want of room (concurrent claims never take the same recipient).
 */
final class Dispatcher implements AutoCloseable {

    /** How many workers, how many recipients a claim takes at most, how many messages or outcomes one commit holds. */
    record Sizes(int workers, int claimBatch, int commitBatch) {

        /**
         * How many attempts may wait for a worker: room for the messages of two of intake's group commits, which hand
         * over a whole commit at once (a batch of the HTTP API fills one). With less, such a burst went back to the
         * database only to be claimed and read again a moment later: a profile of batches found that round trip taking
         * a twelfth of the server's CPU.
         */
        int waiting() {
            return Math.max(workers, 2 * commitBatch);
        }
    }

    /**
     * Message octets that first attempts waiting for a worker keep in memory at most: enough for every waiting place
     * with messages of ordinary size, and a small share of the heap when the messages are large (each may be up to
     * {@code outpost.smtp.spool-threshold}).
     */
    static final long WAITING_CONTENT_OCTETS = 32L * 1024 * 1024;

    private final QueueStore queue;
    private final OutboundSmtp outbound;
    private final AttemptRecorder recorder;
    private final ReturnPathToken returnPaths;
    private final PreDeliveryChecks checks;
    private final RecipientCopies copies;
    private final int claimBatch;
    private final AttemptWorkers workers;
    private final ReentrantLock polling = new ReentrantLock();
    private final WaitingContent waitingContent = new WaitingContent(WAITING_CONTENT_OCTETS);
    private final GroupCommitter<AttemptRecord, List<StoredMessage>> outcomes;

    Dispatcher(
            QueueStore queue,
            QueueCommits commits,
            OutboundSmtp outbound,
            AttemptRecorder recorder,
            ReturnPathToken returnPaths,
            PreDeliveryChecks checks,
            RecipientCopies copies,
            Sizes sizes,
            Duration lease,
            ThreadFactory threads,
            Clock clock) {
        this.queue = queue;
        this.outbound = outbound;
        this.recorder = recorder;
        this.returnPaths = returnPaths;
        this.checks = checks;
        this.copies = copies;
        this.claimBatch = sizes.claimBatch();
        this.workers = new AttemptWorkers(
                sizes.workers(), sizes.waiting(), threads, leasesOf(queue), lease, clock, this::poll);
        this.outcomes = new GroupCommitter<>(
                "outcomes", sizes.commitBatch(), commits::record, commits::syncOutcomesToDisk, threads);
    }

    private static AttemptWorkers.Leases leasesOf(QueueStore queue) {
        return new AttemptWorkers.Leases() {
            @Override
            public void renew(List<Claim> claims) {
                queue.renew(claims);
            }

            @Override
            public void release(List<Claim> claims) {
                queue.release(claims);
            }
        };
    }

    /**
     * Starts the first attempt on a message just committed, with the bytes already in memory while they fit in
     * {@link #WAITING_CONTENT_OCTETS}. Never blocks and never throws: when the workers are full or stopped, the
     * recipients go back to the queue, due at once.
     */
    void dispatch(StoredMessage stored) {
        long messageId = stored.messageId();
        Optional<MessageForDelivery> kept = stored.message()
                .filter(message -> waitingContent.take(message.content().size()));
        Supplier<MessageForDelivery> message = kept.isPresent()
                ? () -> {
                    waitingContent.give(kept.get().content().size());
                    return kept.get();
                }
                : () -> queue.load(messageId);
        if (!workers.submit(stored.claims(), attempt(messageId, message, stored.claims()))) {
            kept.ifPresent(given -> waitingContent.give(given.content().size()));
        }
    }

    /** Starts an attempt for each message among these claims, reading it from the queue. Never blocks or throws. */
    void dispatch(List<Claim> claims) {
        Map<Long, List<Claim>> byMessage = new LinkedHashMap<>();
        for (Claim claim : claims) {
            byMessage
                    .computeIfAbsent(claim.messageId(), id -> new ArrayList<>())
                    .add(claim);
        }
        byMessage.forEach((messageId, messageClaims) ->
                workers.submit(messageClaims, attempt(messageId, () -> queue.load(messageId), messageClaims)));
    }

    private DeliveryAttempt attempt(long messageId, Supplier<MessageForDelivery> message, List<Claim> claims) {
        return new DeliveryAttempt(
                messageId, message, claims, outbound, recorder, outcomes, this::dispatch, returnPaths, checks, copies);
    }

    /**
     * Renews the leases of attempts in hand, then claims due recipients while the workers have room, batch after
     * batch, so a backlog (after a restart, or retries coming due together) drains at full speed instead of one batch
     * per tick — and no faster than the workers take it. Call it more often than half a lease. Returns whether it
     * stopped for want of room, i.e. due recipients may remain.
     */
    boolean poll() {
        // One claim at a time on this node: two at once pick the same oldest rows, and the one that waited for the
        // other's locks comes back short, which would read as "nothing left" while a backlog remains.
        boolean drained = false;
        polling.lock();
        try {
            workers.renewLeases();
            int room;
            while (!drained && (room = workers.room()) > 0) {
                int limit = Math.min(claimBatch, room);
                List<Claim> claims = queue.claimDue(limit);
                dispatch(claims);
                drained = claims.size() < limit;
            }
            if (!drained) {
                workers.claimWhenRoom();
            }
        } finally {
            polling.unlock();
        }
        outbound.closeIdleConnections();
        return !drained;
    }

    /** Lets running attempts finish (up to {@code wait}) and record, gives back the claims of those not started. */
    void stop(Duration wait) {
        workers.stop(wait);
        outcomes.close();
        outbound.close();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}

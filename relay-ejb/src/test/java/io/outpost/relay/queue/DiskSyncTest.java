package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared syncs: a caller is covered only by a sync that started after it asked, and waiting callers share one. */
class DiskSyncTest {

    /** A sync whose first run waits until released, so callers can arrive while it runs. */
    private static final class HeldSync implements DiskSync.Action {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean failFirst;

        @Override
        public void run() throws SQLException {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
                if (failFirst) {
                    throw new SQLException("disk full");
                }
            }
        }
    }

    @Test
    void aCallerArrivingDuringASyncWaitsForTheNextOneAndCallersWaitingTogetherShareIt() throws Exception {
        HeldSync action = new HeldSync();
        DiskSync sync = new DiskSync(action);
        CompletableFuture<Void> first = runAsync(sync);
        await(action.firstStarted);

        List<CompletableFuture<Void>> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(runAsync(sync));
        }
        Thread.sleep(100);
        assertThat(during).noneMatch(CompletableFuture::isDone);
        action.releaseFirst.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> call : during) {
            call.get(10, TimeUnit.SECONDS);
        }
        // The first sync may have missed their commits; one more covers all five.
        assertThat(action.runs).hasValue(2);
    }

    @Test
    void aFailedSyncFailsItsCallerAndTheWaitersRunAnotherOne() throws Exception {
        HeldSync action = new HeldSync();
        action.failFirst = true;
        DiskSync sync = new DiskSync(action);
        CompletableFuture<Void> first = runAsync(sync);
        await(action.firstStarted);
        CompletableFuture<Void> waiting = runAsync(sync);
        Thread.sleep(50);

        action.releaseFirst.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(action.runs).hasValue(2);
    }

    @Test
    void callsOneAfterAnotherEachRunTheirOwnSync() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        DiskSync sync = new DiskSync(runs::incrementAndGet);

        sync.afterCommit();
        sync.afterCommit();

        assertThat(runs).hasValue(2);
    }

    @Test
    void aPatientCallerRidesOnTheNextSyncAnotherCallerStarts() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        DiskSync sync = new DiskSync(runs::incrementAndGet);
        CompletableFuture<Void> patient = runAsync(sync, Duration.ofSeconds(10));
        Thread.sleep(100);
        assertThat(patient).isNotDone();

        sync.afterCommit();

        patient.get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aPatientCallerAloneRunsItsOwnSyncOnceItsPatienceIsOver() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        DiskSync sync = new DiskSync(runs::incrementAndGet);
        long start = System.nanoTime();

        sync.afterCommit(Duration.ofMillis(200));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(runs).hasValue(1);
    }

    private static CompletableFuture<Void> runAsync(DiskSync sync) {
        return runAsync(sync, Duration.ZERO);
    }

    private static CompletableFuture<Void> runAsync(DiskSync sync, Duration patience) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                sync.afterCommit(patience);
                done.complete(null);
            } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        thread.start();
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

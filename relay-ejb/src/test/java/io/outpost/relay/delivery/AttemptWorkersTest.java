package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptWorkersTest {

    private static final Duration LEASE = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final List<List<Claim>> renewed = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Claim>> released = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch finish = new CountDownLatch(1);
    private final CountDownLatch claimedAgain = new CountDownLatch(1);
    private final CountDownLatch claimedAgainTwice = new CountDownLatch(2);
    // What the next claim-again says: that due recipients may still remain for want of room.
    private volatile boolean moreDue;
    private final AttemptWorkers workers = new AttemptWorkers(
            2,
            2,
            Thread::new,
            new AttemptWorkers.Leases() {
                @Override
                public void renew(List<Claim> claims) {
                    renewed.add(claims);
                }

                @Override
                public void release(List<Claim> claims) {
                    released.add(claims);
                }
            },
            LEASE,
            clock,
            () -> {
                claimedAgain.countDown();
                claimedAgainTwice.countDown();
                boolean more = moreDue;
                moreDue = false;
                return more;
            });

    @AfterEach
    void stop() {
        finish.countDown();
        workers.close();
    }

    @Test
    void attemptsBeyondTheWorkersAndAsManyWaitingGoBackToTheQueueInsteadOfPilingUpInMemory() throws Exception {
        fillWithAttemptsWaitingForFinish();
        assertThat(workers.room()).isZero();
        assertThat(released).isEmpty();

        assertThat(workers.submit(claims(4), () -> {})).isFalse();
        assertThat(workers.submit(claims(5), () -> {})).isFalse();

        assertThat(released).containsExactly(claims(4), claims(5));
    }

    @Test
    void asManyAttemptsWaitAsToldButAClaimFillsOnlyAsManyPlacesAsThereAreWorkers() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        try (AttemptWorkers oneWorker = new AttemptWorkers(
                1,
                3,
                Thread::new,
                new AttemptWorkers.Leases() {
                    @Override
                    public void renew(List<Claim> claims) {}

                    @Override
                    public void release(List<Claim> claims) {
                        released.add(claims);
                    }
                },
                LEASE,
                clock,
                () -> false)) {
            assertThat(oneWorker.submit(claims(0), () -> {
                        running.countDown();
                        await(finish);
                    }))
                    .isTrue();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            // A claim takes as many as there are workers; the other places are for new mail handed over at once.
            assertThat(oneWorker.room()).isEqualTo(1);
            for (int i = 1; i <= 3; i++) {
                assertThat(oneWorker.submit(claims(i), () -> {})).isTrue();
            }

            assertThat(oneWorker.room()).isZero();
            assertThat(oneWorker.submit(claims(4), () -> {})).isFalse();
            assertThat(released).containsExactly(claims(4));
            finish.countDown();
        }
    }

    @Test
    void claimsGivenBackForWantOfRoomAreClaimedAgainWhenAnAttemptEndsNotOnlyAtTheNextPoll() throws Exception {
        fillWithAttemptsWaitingForFinish();
        workers.submit(claims(4), () -> {});
        assertThat(released).containsExactly(claims(4));
        assertThat(claimedAgain.getCount()).isEqualTo(1);

        finish.countDown();

        assertThat(claimedAgain.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClaimThatStoppedForWantOfRoomIsFollowedByAnotherWhenTheNextAttemptEnds() throws Exception {
        moreDue = true;
        fillWithAttemptsWaitingForFinish();
        workers.submit(claims(4), () -> {});

        finish.countDown();
        assertThat(claimedAgain.await(10, TimeUnit.SECONDS)).isTrue();

        // The claim said more may be due, so an attempt that ends after it claims again. Every attempt of the first
        // round may have ended while it ran (in the relay the claim itself starts new ones), so later ones follow here.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int n = 5; claimedAgainTwice.getCount() > 0 && System.nanoTime() < deadline; n++) {
            workers.submit(claims(n), () -> {});
            claimedAgainTwice.await(10, TimeUnit.MILLISECONDS);
        }
        assertThat(claimedAgainTwice.getCount()).isZero();
    }

    @Test
    void aPollThatStoppedForWantOfRoomHasTheNextAttemptToEndClaimAgainThoughNothingWasGivenBack() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        workers.submit(claims(1), () -> {
            await(finish);
            ran.countDown();
        });
        // The timer's poll found the workers full with due recipients left (a backlog after a burst of batches).
        workers.claimWhenRoom();
        assertThat(claimedAgain.getCount()).isEqualTo(1);

        finish.countDown();

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(claimedAgain.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(released).isEmpty();
    }

    @Test
    void noClaimingAgainWhenNothingWasGivenBack() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        workers.submit(claims(1), ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

        workers.stop(Duration.ofSeconds(5));

        assertThat(claimedAgain.getCount()).isEqualTo(1);
    }

    // Both workers busy and both waiting places taken, until finish counts down.
    private void fillWithAttemptsWaitingForFinish() throws InterruptedException {
        CountDownLatch bothRunning = new CountDownLatch(2);
        for (int i = 0; i < 4; i++) {
            workers.submit(claims(i), () -> {
                bothRunning.countDown();
                await(finish);
            });
            if (i == 1) {
                assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void anAttemptHandedOverAfterTheWorkersStoppedIsReleasedNotThrown() {
        workers.stop(Duration.ofSeconds(5));

        workers.submit(claims(1), () -> {});

        assertThat(released).containsExactly(claims(1));
        assertThat(workers.room()).isZero();
    }

    @Test
    void renewsOnlyLeasesThatAreHalfGoneAndOnlyWhileTheAttemptIsInHand() throws Exception {
        workers.submit(claims(1), () -> await(finish));
        workers.submit(claims(2), () -> {});
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.inHand() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(workers.inHand()).isEqualTo(1);

        clock.advance(LEASE.dividedBy(2).minusSeconds(1));
        workers.renewLeases();
        assertThat(renewed).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        workers.renewLeases();
        assertThat(renewed).containsExactly(claims(1));

        // Renewed for a whole lease from now: not again until half of that is gone.
        clock.advance(LEASE.dividedBy(2).minusSeconds(1));
        workers.renewLeases();
        assertThat(renewed).hasSize(1);
    }

    private static List<Claim> claims(int n) {
        return List.of(new Claim(n, 100 + n, EmailAddress.parse("r" + n + "@example.test"), 0, 7));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

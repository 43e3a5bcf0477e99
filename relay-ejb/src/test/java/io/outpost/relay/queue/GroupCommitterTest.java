package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    @Test
    void completesEachItemWithItsOwnResult() throws Exception {
        try (var committer = new GroupCommitter<Integer, String>(
                "test", 8, batch -> batch.stream().map(i -> "r" + i).toList(), Thread::new)) {
            assertThat(committer.submit(1).get(5, TimeUnit.SECONDS)).isEqualTo("r1");
            assertThat(committer.submit(2).get(5, TimeUnit.SECONDS)).isEqualTo("r2");
        }
    }

    @Test
    void leavesOutAnItemWhoseCallerGaveUpBeforeItsCommitBegan() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        List<List<Integer>> batches = new ArrayList<>();
        try (var committer = new GroupCommitter<Integer, Integer>(
                "test",
                16,
                batch -> {
                    synchronized (batches) {
                        batches.add(List.copyOf(batch));
                    }
                    firstCommitStarted.countDown();
                    await(releaseFirstCommit);
                    return batch;
                },
                Thread::new)) {
            CompletableFuture<Integer> first = committer.submit(0);
            firstCommitStarted.await(5, TimeUnit.SECONDS);
            CompletableFuture<Integer> abandoned = committer.submit(1);
            CompletableFuture<Integer> kept = committer.submit(2);
            abandoned.cancel(false);
            releaseFirstCommit.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(batches).containsExactly(List.of(0), List.of(2));
    }

    @Test
    void groupsItemsThatArriveWhileACommitIsRunning() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        List<Integer> batchSizes = new ArrayList<>();
        try (var committer = new GroupCommitter<Integer, Integer>(
                "test",
                16,
                batch -> {
                    synchronized (batchSizes) {
                        batchSizes.add(batch.size());
                    }
                    firstCommitStarted.countDown();
                    await(releaseFirstCommit);
                    return batch;
                },
                Thread::new)) {
            CompletableFuture<Integer> first = committer.submit(0);
            firstCommitStarted.await(5, TimeUnit.SECONDS);
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rest.add(committer.submit(i));
            }
            releaseFirstCommit.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i + 1);
            }
        }
        assertThat(batchSizes).containsExactly(1, 10);
    }

    @Test
    void splitsWhatArrivedIntoBatchesNoHeavierThanTheBound() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        List<List<Integer>> batches = new ArrayList<>();
        try (var committer = new GroupCommitter<Integer, Integer>(
                "test",
                16,
                batch -> {
                    synchronized (batches) {
                        batches.add(batch);
                    }
                    firstCommitStarted.countDown();
                    await(releaseFirstCommit);
                    return batch;
                },
                () -> {},
                Thread::new,
                weight -> weight,
                10)) {
            CompletableFuture<Integer> first = committer.submit(1);
            firstCommitStarted.await(5, TimeUnit.SECONDS);
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int weight : new int[] {4, 5, 3, 25, 2}) {
                rest.add(committer.submit(weight));
            }
            releaseFirstCommit.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (CompletableFuture<Integer> item : rest) {
                item.get(5, TimeUnit.SECONDS);
            }
        }
        // A batch stops before the item that would pass the bound; an item heavier than the bound goes alone.
        assertThat(batches).containsExactly(List.of(1), List.of(4, 5), List.of(3), List.of(25), List.of(2));
    }

    @Test
    void failsEveryItemOfABatchWhoseCommitFailed() {
        try (var committer = new GroupCommitter<Integer, Integer>(
                "test",
                8,
                batch -> {
                    throw new IllegalStateException("database down");
                },
                Thread::new)) {
            CompletableFuture<Integer> result = committer.submit(1);
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("database down");
        }
    }

    @Test
    void failsEveryItemOfABatchWhoseSyncFailed() {
        try (var committer = new GroupCommitter<Integer, Integer>(
                "test",
                8,
                batch -> batch,
                () -> {
                    throw new IllegalStateException("fsync failed");
                },
                Thread::new)) {
            CompletableFuture<Integer> result = committer.submit(1);
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("fsync failed");
        }
    }

    @Test
    void refusesItemsAfterClose() {
        var committer = new GroupCommitter<Integer, Integer>("test", 8, batch -> batch, Thread::new);
        committer.close();
        assertThat(committer.submit(1)).isCompletedExceptionally();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

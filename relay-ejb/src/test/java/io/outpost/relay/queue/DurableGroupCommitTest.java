package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded database a group commit is on the disk, not only in the operating system's cache, before any caller
 * hears that its item is stored: H2's file is fsynced after the commit and before the futures complete.
 */
class DurableGroupCommitTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedMessageWasFsyncedAfterItsCommit() throws Exception {
        try (QueueDatabase db = QueueDatabase.h2CountingSyncs(directory);
                GroupCommitter<Integer, Long> committer =
                        new GroupCommitter<>("durable-test", 8, batch -> commit(db, batch), db::sync, Thread::new)) {
            List<CompletableFuture<Boolean>> acknowledged = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // Each result is the fsync count right after its batch committed: by the acknowledgement it must
                // have grown, i.e. the disk has the batch.
                acknowledged.add(committer.submit(i).thenApply(atCommit -> SyncCountingFileSystem.forces() > atCommit));
            }

            for (CompletableFuture<Boolean> ack : acknowledged) {
                assertThat(ack.get(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(db.query("SELECT COUNT(*) FROM outpost_message"))
                    .singleElement()
                    .hasToString("40");
        }
    }

    private static List<Long> commit(QueueDatabase db, List<Integer> batch) {
        db.inTransaction(em -> {
            batch.forEach(item -> QueueDatabase.newRecipient(em, NOW, NOW));
            return null;
        });
        long forces = SyncCountingFileSystem.forces();
        return batch.stream().map(item -> forces).toList();
    }
}

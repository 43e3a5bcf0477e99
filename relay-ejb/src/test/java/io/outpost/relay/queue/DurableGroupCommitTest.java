package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded database a group commit is on the disk, not only in the operating system's cache, before any caller
 * hears that its item is stored: H2's file is fsynced after the commit and before the futures complete, also when the
 * intake and the delivery outcomes commit at once and share their syncs ({@link DiskSync}).
 */
class DurableGroupCommitTest {

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedMessageAndOutcomeWasFsyncedAfterItsCommit() throws Exception {
        try (QueueDatabase db = QueueDatabase.h2CountingSyncs(directory)) {
            QueueCommits commits = db.commits("test-node", Duration.ofMinutes(5), Clock.systemUTC());
            List<CompletableFuture<Boolean>> acknowledged = new ArrayList<>();
            try (GroupCommitter<NewMessage, Stamped<StoredMessage>> intake = new GroupCommitter<>(
                            "intake", 8, batch -> stamped(commits.store(batch)), commits::syncToDisk, Thread::new);
                    GroupCommitter<AttemptRecord, Stamped<List<StoredMessage>>> outcomes = new GroupCommitter<>(
                            "outcomes",
                            8,
                            batch -> stamped(commits.record(batch)),
                            commits::syncOutcomesToDisk,
                            Thread::new)) {
                List<CompletableFuture<Stamped<List<StoredMessage>>>> recorded = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    // Each message's outcome is recorded as soon as it is stored, so both committers run at once.
                    CompletableFuture<Stamped<StoredMessage>> stored = intake.submit(message(i));
                    acknowledged.add(stored.thenApply(Stamped::syncedSince));
                    recorded.add(stored.thenCompose(
                            s -> outcomes.submit(delivered(s.result().claims().get(0)))));
                }
                for (CompletableFuture<Stamped<List<StoredMessage>>> outcome : recorded) {
                    acknowledged.add(outcome.thenApply(Stamped::syncedSince));
                }
                for (CompletableFuture<Boolean> ack : acknowledged) {
                    assertThat(ack.get(30, TimeUnit.SECONDS)).isTrue();
                }
            }
            assertThat(acknowledged).hasSize(80);
            assertThat(db.query("SELECT COUNT(*) FROM outpost_recipient WHERE state = 'DELIVERED'"))
                    .singleElement()
                    .hasToString("40");
        }
    }

    /** A commit's result with the fsync count right after its batch committed. */
    private record Stamped<T>(T result, long forcesAtCommit) {

        /** By the acknowledgement the count must have grown, i.e. the disk has the batch. */
        boolean syncedSince() {
            return SyncCountingFileSystem.forces() > forcesAtCommit;
        }
    }

    private static <T> List<Stamped<T>> stamped(List<T> results) {
        long forces = SyncCountingFileSystem.forces();
        return results.stream().map(result -> new Stamped<>(result, forces)).toList();
    }

    private static NewMessage message(int i) {
        return new NewMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(EmailAddress.parse("rcpt" + i + "@dest.test")),
                MessageContent.of(("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)),
                "127.0.0.1",
                false,
                Optional.empty(),
                "test");
    }

    private static AttemptRecord delivered(Claim claim) {
        return new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(), claim.token(), RecipientState.DELIVERED, "250 ok", Optional.empty())),
                Optional.empty());
    }
}

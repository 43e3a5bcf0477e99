package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QueueCommits#record}: an attempt that no longer holds its claims records nothing, its DSN included. */
class QueueStoreRecordTest {

    private static final EmailAddress SENDER = EmailAddress.parse("sender@example.test");
    private static final EmailAddress RCPT = EmailAddress.parse("rcpt@dest.test");
    private static final Duration LEASE = Duration.ofMinutes(10);

    private TransactionalQueue queue;

    @BeforeEach
    void open() throws Exception {
        queue = TransactionalQueue.h2(
                Path.of("target", "queue-store-record", UUID.randomUUID().toString()), LEASE);
    }

    @AfterEach
    void close() throws Exception {
        queue.close();
    }

    @Test
    void aBounceFromAnAttemptWhoseClaimWasGivenUpQueuesNoDsnAndTheCurrentAttemptsDoes() {
        StoredMessage stored = queue.store(List.of(message(SENDER, RCPT))).get(0);
        Claim first = stored.claims().get(0);
        queue.release(List.of(first));
        Claim current = queue.claimDue(10).get(0);

        List<List<StoredMessage>> stale = queue.record(List.of(bounce(first)));
        List<List<StoredMessage>> fresh = queue.record(List.of(bounce(current)));

        assertThat(stale).containsExactly(List.of());
        assertThat(fresh).singleElement().satisfies(dsn -> assertThat(dsn).hasSize(1));
        assertThat(queue.countByState()).containsEntry(RecipientState.BOUNCED, 1L);
        // The DSN itself is queued, for the sender.
        assertThat(queue.countByState()).containsEntry(RecipientState.QUEUED, 1L);
    }

    private static AttemptRecord bounce(Claim claim) {
        return new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(), claim.token(), RecipientState.BOUNCED, "550 5.1.1 no", Optional.empty())),
                Optional.of(message(null, SENDER)));
    }

    private static NewMessage message(EmailAddress sender, EmailAddress to) {
        return new NewMessage(
                sender == null ? ReversePath.NULL : ReversePath.of(sender),
                List.of(to),
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "127.0.0.1",
                false,
                Optional.empty(),
                "not signed");
    }
}

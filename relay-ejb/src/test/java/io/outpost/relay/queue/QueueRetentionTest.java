package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention and the queue stats on the real databases, with the clock set by hand: content goes 7 days after a
 * message's last recipient became final, its rows 90 days after that, in bounded batches found through an index.
 */
class QueueRetentionTest extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration CONTENT = Duration.ofDays(7);
    private static final Duration RECORDS = Duration.ofDays(90);
    private static final QueueRetention RETENTION = new QueueRetention(CONTENT, RECORDS, 500);

    QueueRetentionTest() {
        super("queue-retention-test");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void purgesContentOnlyWhenEveryRecipientHasBeenFinalForTheRetentionTime(QueueDatabase db) {
        db.deleteAll();
        long delivered = message(db, T0, RecipientState.DELIVERED);
        long partlyDeferred = message(db, T0, RecipientState.DELIVERED, RecipientState.DEFERRED);
        long finishedLate = message(db, T0.plus(Duration.ofDays(3)), RecipientState.BOUNCED);

        assertThat(purge(db, T0.plus(CONTENT).minusSeconds(1))).isZero();
        assertThat(purge(db, T0.plus(CONTENT).plusSeconds(1))).isEqualTo(1);

        assertThat(content(db, delivered)).isEmpty();
        assertThat(content(db, partlyDeferred)).isNotEmpty();
        assertThat(content(db, finishedLate)).isNotEmpty();
        assertThat(purge(db, T0.plus(Duration.ofDays(30))))
                .as("the late bounce's")
                .isEqualTo(1);
        assertThat(content(db, finishedLate)).isEmpty();
        assertThat(content(db, partlyDeferred))
                .as("a live recipient keeps its message")
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void deletesMessagesAndRecipientsTheRecordsTimeAfterTheContent(QueueDatabase db) {
        db.deleteAll();
        long done = message(db, T0, RecipientState.DELIVERED, RecipientState.EXPIRED);
        long live = message(db, T0, RecipientState.DEFERRED);
        db.inJdbcTransaction(connection -> {
            try (var insert = connection.createStatement()) {
                return insert.executeUpdate("INSERT INTO outpost_event (id, message_id, occurred_at, kind, detail)"
                        + " VALUES (1, " + done + ", TIMESTAMP '2026-01-01 00:00:00', 'DELIVERED', 'done'),"
                        + " (2, " + live + ", TIMESTAMP '2026-01-01 00:00:00', 'DEFERRED', 'live')");
            }
        });
        Instant purgedAt = T0.plus(CONTENT).plusSeconds(1);
        purge(db, purgedAt);

        assertThat(delete(db, purgedAt.plus(RECORDS).minusSeconds(1))).isZero();
        assertThat(delete(db, purgedAt.plus(RECORDS).plusSeconds(1))).isEqualTo(1);

        assertThat(db.query("SELECT COUNT(*) FROM outpost_message WHERE id = " + done))
                .singleElement()
                .hasToString("0");
        assertThat(db.query("SELECT COUNT(*) FROM outpost_recipient WHERE message_id = " + done))
                .singleElement()
                .hasToString("0");
        assertThat(db.query("SELECT COUNT(*) FROM outpost_recipient WHERE message_id = " + live))
                .singleElement()
                .hasToString("1");
        // A message's story goes with its records.
        assertThat(db.query("SELECT detail FROM outpost_event")).containsExactly("live");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void sweepsInBatchesOfTheConfiguredSize(QueueDatabase db) {
        db.deleteAll();
        for (int i = 0; i < 5; i++) {
            message(db, T0.plusSeconds(i), RecipientState.DELIVERED);
        }
        QueueRetention batchesOfTwo = new QueueRetention(CONTENT, RECORDS, 2);
        Instant later = T0.plus(CONTENT).plus(Duration.ofDays(1));

        assertThat(Stream.of(1, 2, 3, 4)
                        .map(i -> db.inTransaction(em -> batchesOfTwo.purgeContent(em, later)))
                        .toList())
                .containsExactly(2, 2, 1, 0);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void statsCountTheLiveQueueAndTheLastHoursFinalRecipients(QueueDatabase db) {
        db.deleteAll();
        message(db, T0, RecipientState.DELIVERED, RecipientState.DEFERRED, RecipientState.QUEUED);
        message(db, T0.plus(Duration.ofHours(2)), RecipientState.DELIVERED, RecipientState.BOUNCED);

        Map<RecipientState, Long> counts = db.inTransaction(em -> QueueCounts.count(em, T0.plus(Duration.ofHours(2))));

        assertThat(counts)
                .containsEntry(RecipientState.QUEUED, 1L)
                .containsEntry(RecipientState.DEFERRED, 1L)
                .containsEntry(RecipientState.DELIVERED, 1L)
                .containsEntry(RecipientState.BOUNCED, 1L)
                .containsEntry(RecipientState.EXPIRED, 0L);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void sweepsAndStatsReadIndexesNotTables(QueueDatabase db) {
        db.deleteAll();
        db.bulkLoad(20_000, 100_000, T0);
        // The bulk-loaded rows were all received and updated at T0: the cut-offs ask for the (few) rows a sweep or the
        // stats would find in a large table, where a planner picks the index if it can use one.

        assertThat(plan(db, "EXPLAIN " + QueueRetention.DONE_BEFORE, T0.minusSeconds(60)))
                .contains("outpost_message_retention");
        assertThat(plan(db, "EXPLAIN " + QueueRetention.PURGED_BEFORE, T0)).contains("outpost_message_retention");
        assertThat(plan(
                        db,
                        "EXPLAIN " + "SELECT COUNT(*) FROM outpost_recipient WHERE state = ?1 AND updated_at >= ?2",
                        "DELIVERED",
                        Timestamp.from(T0.plus(QueueCounts.FINAL_WINDOW))))
                .contains("outpost_recipient_finished");
        db.deleteAll();
    }

    private static String plan(QueueDatabase db, String sql, Instant before) {
        return plan(db, sql, Timestamp.from(before), 500);
    }

    private static String plan(QueueDatabase db, String sql, Object first, Object second) {
        List<?> rows = db.inTransaction(em -> em.createNativeQuery(sql)
                .setParameter(1, first)
                .setParameter(2, second)
                .getResultList());
        return String.join("\n", rows.stream().map(String::valueOf).toList()).toLowerCase();
    }

    private static int purge(QueueDatabase db, Instant now) {
        return db.inTransaction(em -> RETENTION.purgeContent(em, now));
    }

    private static int delete(QueueDatabase db, Instant now) {
        return db.inTransaction(em -> RETENTION.deleteRecords(em, now));
    }

    private static byte[] content(QueueDatabase db, long messageId) {
        return db.content(messageId);
    }

    /** A message received at T0 whose recipients reached these states at {@code when}. */
    private static long message(QueueDatabase db, Instant when, RecipientState... states) {
        return db.inTransaction(em -> {
            QueuedRecipient first = QueueDatabase.newRecipient(em, T0, T0);
            QueuedMessage message = first.message();
            for (int i = 0; i < states.length; i++) {
                QueuedRecipient row = i == 0
                        ? first
                        : new QueuedRecipient(message, EmailAddress.parse("r" + i + "@example.test"), T0, null, T0);
                em.persist(row);
                switch (states[i]) {
                    case QUEUED -> {}
                    case DEFERRED -> QueueDatabase.recordOutcome(
                            em, row, states[i], "451 4.4.1 later", when.plus(Duration.ofDays(365)), when);
                    default -> QueueDatabase.recordOutcome(em, row, states[i], "final", null, when);
                }
            }
            em.flush();
            return message.id();
        });
    }
}

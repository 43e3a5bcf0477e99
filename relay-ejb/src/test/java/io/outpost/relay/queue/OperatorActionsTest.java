package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's hold, release, retry-now and purge ({@link QueueCommits#operate}) against the claims of both
 * databases: a held recipient is never claimed, however late, until released; an attempt's recipient is left alone;
 * a purge ends the recipient and queues a DSN only when asked; each change is an event of its recipient.
 */
class OperatorActionsTest extends OnBothDatabases {

    private static final long LEASE_SECONDS = 300;
    private static final PurgeNotices NO_NOTICE = (message, purged) -> {
        throw new AssertionError("no DSN was asked for");
    };

    OperatorActionsTest() {
        super("operator-actions-test");
    }

    private static OperatorOutcome operate(QueueDatabase db, QueueAction action, QueueTarget target) {
        return operate(db, action, target, false, NO_NOTICE);
    }

    private static OperatorOutcome operate(
            QueueDatabase db, QueueAction action, QueueTarget target, boolean bounce, PurgeNotices notices) {
        return db.commits("node-a", Duration.ofSeconds(LEASE_SECONDS), Clock.fixed(NOW, ZoneOffset.UTC))
                .operate(new OperatorRequest(action, target, "admin:ops", "a reason", bounce), notices)
                .outcome();
    }

    private static long messageOf(QueueDatabase db, long recipientId) {
        return db.inTransaction(
                em -> em.find(QueuedRecipient.class, recipientId).message().id());
    }

    private static RecipientState stateOf(QueueDatabase db, long recipientId) {
        return db.inTransaction(
                em -> em.find(QueuedRecipient.class, recipientId).state());
    }

    private static List<String> events(QueueDatabase db, long recipientId) {
        return db.inTransaction(em -> em
                .createNativeQuery("SELECT kind FROM outpost_event WHERE recipient_id = ?1 ORDER BY id")
                .setParameter(1, recipientId)
                .getResultList()
                .stream()
                .map(String.class::cast)
                .toList());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aHeldRecipientIsNeverClaimedUntilReleased(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(5));

        assertThat(operate(db, QueueAction.HOLD, new QueueTarget.Destination(Domain.of("example.test"))))
                .isEqualTo(new OperatorOutcome(1, 0, 0));
        assertThat(db.claim(NOW.plus(Duration.ofDays(3650)), LEASE_SECONDS, 10)).isEmpty();
        assertThat(operate(db, QueueAction.HOLD, new QueueTarget.Message(messageOf(db, id))))
                .as("held already")
                .isEqualTo(new OperatorOutcome(0, 0, 0));

        assertThat(operate(db, QueueAction.RELEASE, new QueueTarget.Message(messageOf(db, id))))
                .isEqualTo(new OperatorOutcome(1, 0, 0));
        assertThat(db.claim(NOW, LEASE_SECONDS, 10))
                .extracting(Claim::recipientId)
                .containsExactly(id);
        assertThat(events(db, id)).containsExactly("HELD", "RELEASED");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void theOverviewIsCountedByTheDatabasePerDestination(QueueDatabase db) {
        db.deleteAll();
        long held = insert(db, NOW.minusSeconds(5));
        insert(db, NOW.minusSeconds(5));
        long other = insert(db, NOW.minusSeconds(5));
        db.inTransaction(em -> em.createNativeQuery(
                        "UPDATE outpost_recipient SET address = 'Ann@Other.TEST', state = 'DEFERRED' WHERE id = ?1")
                .setParameter(1, other)
                .executeUpdate());
        operate(db, QueueAction.HOLD, new QueueTarget.Message(messageOf(db, held)));

        QueueOverview overview = db.inTransaction(em -> WaitingQueue.overview(em, NOW, 10));

        assertThat(overview.queued()).isEqualTo(1);
        assertThat(overview.deferred()).isEqualTo(1);
        assertThat(overview.held()).isEqualTo(1);
        assertThat(overview.destinationCount()).isEqualTo(2);
        assertThat(overview.destinations())
                .extracting(
                        QueueOverview.Destination::domain,
                        QueueOverview.Destination::queued,
                        QueueOverview.Destination::deferred,
                        QueueOverview.Destination::held)
                .containsExactly(tuple("example.test", 1L, 0L, 1L), tuple("other.test", 0L, 1L, 0L));
        List<WaitingRecipient> atOther = db.inTransaction(em -> WaitingQueue.at(em, Domain.of("other.test"), NOW, 10));
        assertThat(atOther).extracting(WaitingRecipient::recipientId).containsExactly(other);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aLaterPartOfTheQueueStartsAfterTheLastRecipientRead(QueueDatabase db) {
        db.deleteAll();
        long first = insert(db, NOW.minusSeconds(5));
        long second = insert(db, NOW.minusSeconds(5));

        QueueCommits.Operated rest = db.commits(
                        "node-a", Duration.ofSeconds(LEASE_SECONDS), Clock.fixed(NOW, ZoneOffset.UTC))
                .operate(
                        new OperatorRequest(
                                QueueAction.HOLD,
                                new QueueTarget.Destination(Domain.of("example.test")),
                                "admin:ops",
                                "a reason",
                                false),
                        NO_NOTICE,
                        first);

        assertThat(rest.outcome()).isEqualTo(new OperatorOutcome(1, 0, 0));
        assertThat(rest.readUpTo()).as("fewer than a chunk: nothing after").isEmpty();
        assertThat(events(db, first)).isEmpty();
        assertThat(events(db, second)).containsExactly("HELD");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void actsOnTheDestinationExactlyNotItsSubdomains(QueueDatabase db) {
        db.deleteAll();
        insert(db, NOW.minusSeconds(5));

        assertThat(operate(db, QueueAction.HOLD, new QueueTarget.Destination(Domain.of("test"))))
                .isEqualTo(new OperatorOutcome(0, 0, 0));
        assertThat(operate(db, QueueAction.HOLD, new QueueTarget.Destination(Domain.of("sub.example.test"))))
                .isEqualTo(new OperatorOutcome(0, 0, 0));
        assertThat(db.claim(NOW, LEASE_SECONDS, 10)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void leavesARecipientAnAttemptHoldsAloneUntilItsLeaseRunsOut(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(5));
        Claim claim = db.claim(NOW.minusSeconds(1), LEASE_SECONDS, 10).get(0);

        assertThat(operate(db, QueueAction.PURGE, new QueueTarget.Message(messageOf(db, id))))
                .isEqualTo(new OperatorOutcome(0, 1, 0));
        assertThat(stateOf(db, id)).isEqualTo(RecipientState.QUEUED);
        assertThat(claim.recipientId()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void retryNowMakesAWaitingDeferredRecipientDue(QueueDatabase db) {
        db.deleteAll();
        long id = db.inTransaction(em -> {
            QueuedRecipient row = newRecipient(em, NOW.minusSeconds(60));
            QueueDatabase.recordOutcome(
                    em, row, RecipientState.DEFERRED, "451 4.3.2 not now", NOW.plusSeconds(3600), NOW);
            return row.id();
        });
        assertThat(db.claim(NOW, LEASE_SECONDS, 10)).isEmpty();

        assertThat(operate(db, QueueAction.RETRY_NOW, new QueueTarget.Message(messageOf(db, id))))
                .isEqualTo(new OperatorOutcome(1, 0, 0));
        assertThat(db.claim(NOW, LEASE_SECONDS, 10))
                .extracting(Claim::recipientId)
                .containsExactly(id);
        assertThat(events(db, id)).containsExactly("RETRIED_NOW");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void purgeEndsTheRecipientAndQueuesADsnOnlyWhenAsked(QueueDatabase db) {
        db.deleteAll();
        long quiet = insert(db, NOW.minusSeconds(5));
        long bounced = insert(db, NOW.plusSeconds(60));
        EmailAddress sender = EmailAddress.parse("sender@example.test");

        assertThat(operate(db, QueueAction.PURGE, new QueueTarget.Message(messageOf(db, quiet))))
                .isEqualTo(new OperatorOutcome(1, 0, 0));
        PurgeNotices notice = (message, purged) -> Optional.of(new NewMessage(
                ReversePath.NULL,
                List.of(sender),
                MessageContent.of("Subject: purged\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                null,
                false,
                Optional.empty(),
                "not signed",
                Optional.empty()));
        assertThat(operate(db, QueueAction.PURGE, new QueueTarget.Message(messageOf(db, bounced)), true, notice))
                .isEqualTo(new OperatorOutcome(1, 0, 1));

        for (long id : List.of(quiet, bounced)) {
            assertThat(stateOf(db, id)).isEqualTo(RecipientState.PURGED);
        }
        assertThat(events(db, quiet)).containsExactly("PURGED");
        assertThat(events(db, bounced)).containsExactly("PURGED");
        long dsnEvents = db.inTransaction(em -> ((Number) em.createNativeQuery(
                                "SELECT COUNT(*) FROM outpost_event WHERE kind = 'DSN_QUEUED' AND message_id = ?1")
                        .setParameter(1, messageOf(db, bounced))
                        .getSingleResult())
                .longValue());
        assertThat(dsnEvents).isEqualTo(1);
        assertThat(db.claim(NOW.plus(Duration.ofDays(1)), LEASE_SECONDS, 10))
                .extracting(Claim::recipient)
                .as("only the DSN is left to deliver")
                .containsExactly(sender);
    }
}

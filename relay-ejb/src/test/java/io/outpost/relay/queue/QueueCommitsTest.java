package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.suppression.SoftBounceRule;
import io.outpost.relay.suppression.SoftBounces;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writes of every message in plain JDBC, on both databases: what intake stores is what the entities read back, ids
 * never collide with JPA's, a failed batch leaves nothing, and outcomes are fenced by their claim.
 */
class QueueCommitsTest extends OnBothDatabases {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EmailAddress SENDER = EmailAddress.parse("sender@example.test");

    QueueCommitsTest() {
        super("queue-commits-test");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aStoredMessageReadsBackAsTheEntitiesWithItsRecipientsLeasedToThisNode(QueueDatabase db) {
        db.deleteAll();
        byte[] bytes = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        NewMessage incoming = new NewMessage(
                ReversePath.of(SENDER),
                List.of(EmailAddress.parse("a@dest.test"), EmailAddress.parse("b@dest.test")),
                MessageContent.of(bytes),
                "192.0.2.7",
                true,
                Optional.of(Domain.of("bounces.example.test")),
                "x".repeat(QueuedMessage.MAX_AUTHENTICATION_NOTE + 50));

        StoredMessage stored = commits(db, "node-a").store(List.of(incoming)).get(0);

        assertThat(stored.message()).isPresent();
        assertThat(stored.claims())
                .extracting(Claim::recipient)
                .extracting(EmailAddress::toString)
                .containsExactly("a@dest.test", "b@dest.test");
        assertThat(db.content(stored.messageId())).isEqualTo(bytes);
        db.inTransaction(em -> {
            QueuedMessage message = em.find(QueuedMessage.class, stored.messageId());
            assertThat(message.sender()).isEqualTo(ReversePath.of(SENDER));
            assertThat(message.receivedAt()).isEqualTo(NOW);
            assertThat(message.smtpUtf8()).isTrue();
            assertThat(message.sizeOctets()).isEqualTo(bytes.length);
            assertThat(message.returnPathDomain()).contains(Domain.of("bounces.example.test"));
            assertThat(message.authentication()).hasSize(QueuedMessage.MAX_AUTHENTICATION_NOTE);
            for (Claim claim : stored.claims()) {
                QueuedRecipient row = em.find(QueuedRecipient.class, claim.recipientId());
                assertThat(row.message().id()).isEqualTo(stored.messageId());
                assertThat(row.state()).isEqualTo(RecipientState.QUEUED);
                assertThat(row.attempts()).isZero();
                assertThat(row.nextAttemptAt()).isEqualTo(NOW.plus(LEASE));
                assertThat(row.lastReply()).isNull();
            }
            return null;
        });
        // Its row tells its arrival and its commit: intake writes no event rows (EventKind).
        assertThat(db.story(stored.messageId())).isEmpty();
        // Leased under the claims' token: nobody claims them before the lease runs out.
        assertThat(db.query(
                        "SELECT DISTINCT claim_token FROM outpost_recipient WHERE message_id = " + stored.messageId()))
                .singleElement()
                .satisfies(token -> assertThat(((Number) token).longValue())
                        .isEqualTo(stored.claims().get(0).token()));
        assertThat(db.claim(NOW.plus(LEASE).minusSeconds(1), 60, 10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void idsComeFromTheSequencesInBlocksThatNeverCollideWithJpaInsertsOrAnotherNode(QueueDatabase db) {
        db.deleteAll();
        Set<Long> recipientIds = new HashSet<>();
        recipientIds.add(insert(db, NOW));
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < QueueCommits.ID_BLOCK + 10; i++) {
            batch.add(message("m" + i + "@dest.test"));
        }

        List<StoredMessage> first = commits(db, "node-a").store(batch);
        List<StoredMessage> second = commits(db, "node-b").store(batch.subList(0, 20));
        recipientIds.add(insert(db, NOW));

        Set<Long> messageIds = new HashSet<>();
        for (StoredMessage stored : concat(first, second)) {
            messageIds.add(stored.messageId());
            stored.claims().forEach(claim -> recipientIds.add(claim.recipientId()));
        }
        int stores = batch.size() + 20;
        assertThat(messageIds).hasSize(stores);
        assertThat(recipientIds).hasSize(stores + 2);
        assertThat(db.query("SELECT COUNT(*) FROM outpost_recipient"))
                .singleElement()
                .hasToString("" + (stores + 2));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aBatchThatFailsLeavesNothingOfAnyOfItsMessages(QueueDatabase db) {
        db.deleteAll();
        NewMessage good = message("good@dest.test");
        NewMessage tooLong = new NewMessage(
                ReversePath.of(SENDER),
                List.of(EmailAddress.parse("bad@dest.test")),
                MessageContent.of("x\r\n".getBytes(StandardCharsets.US_ASCII)),
                "c".repeat(65),
                false,
                Optional.empty(),
                "test");

        assertThatThrownBy(() -> commits(db, "node-a").store(List.of(good, tooLong)))
                .isInstanceOf(PersistenceException.class);

        assertThat(db.query("SELECT COUNT(*) FROM outpost_message"))
                .singleElement()
                .hasToString("0");
        assertThat(db.query("SELECT COUNT(*) FROM outpost_recipient"))
                .singleElement()
                .hasToString("0");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void anOutcomeCountsOnlyUnderItsClaimAndOnlyThenQueuesItsDsn(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        Claim claim = storeOne(commits);
        Claim forged = underToken(claim, claim.token() + 1);

        List<List<StoredMessage>> refused = commits.record(List.of(bounce(forged)));
        List<List<StoredMessage>> recorded = commits.record(List.of(bounce(claim)));
        List<List<StoredMessage>> late = commits.record(List.of(bounce(claim)));

        assertThat(refused).containsExactly(List.of());
        assertThat(recorded).singleElement().satisfies(dsns -> assertThat(dsns).hasSize(1));
        assertThat(late).containsExactly(List.of());
        // Only the outcome that counted is in the story, then the DSN it caused.
        long dsn = recorded.get(0).get(0).messageId();
        assertThat(db.story(claim.messageId()))
                .containsExactly(
                        "BOUNCED " + claim.recipientId() + ": " + "550 5.1.1 " + "no such user ".repeat(100),
                        "DSN_QUEUED: DSN " + dsn + " to sender@example.test");
        assertThat(db.story(dsn)).isEmpty();
        db.inTransaction(em -> {
            QueuedRecipient row = em.find(QueuedRecipient.class, claim.recipientId());
            assertThat(row.state()).isEqualTo(RecipientState.BOUNCED);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.nextAttemptAt()).isNull();
            assertThat(row.lastReply()).hasSize(QueuedRecipient.MAX_REPLY).startsWith("550 5.1.1");
            return null;
        });
        // The DSN is a message of its own, to the original sender.
        assertThat(recorded.get(0).get(0).claims()).extracting(Claim::recipient).containsExactly(SENDER);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aStaleBounceInTheSameBatchAsTheCurrentDeliveryQueuesNoDsn(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        Claim claim = storeOne(commits);
        Claim stale = underToken(claim, claim.token() - 1);
        AttemptRecord delivered = new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(), claim.token(), RecipientState.DELIVERED, "250 ok", Optional.empty())),
                Optional.empty());

        List<List<StoredMessage>> dsns = commits.record(List.of(bounce(stale), delivered));

        assertThat(dsns).containsExactly(List.of(), List.of());
        assertThat(db.query("SELECT state FROM outpost_recipient")).containsExactly("DELIVERED");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aHardBounceOfATenantsMessageSuppressesTheAddressOnceInTheTransactionThatRecordsIt(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        Claim first = storeOne(commits);
        Claim second = storeOne(commits);

        for (Claim claim : List.of(first, second)) {
            recordBounce(
                    commits, claim, "Ann@Dest.test", BounceClass.HARD, "mx.dest.test said: 550 5.1.1 no such user");
        }

        assertThat(db.query("SELECT tenant_id || ' ' || stream || '|' || target || ' ' || reason || ' ' || evidence"
                        + " FROM outpost_suppression"))
                .containsExactly("shop |ann@dest.test HARD_BOUNCE mx.dest.test said: 550 5.1.1 no such user");
        assertThat(db.query("SELECT change_kind || ' ' || actor FROM outpost_suppression_change"))
                .containsExactly("ADDED bounce");
        assertThat(db.query("SELECT detail FROM outpost_event WHERE kind = 'BOUNCED'"))
                .containsOnly("mx.dest.test said: 550 5.1.1 no such user; bounce class hard");
        // The list's change is an event of the tenant's stream too, under the message that caused it.
        assertThat(db.query("SELECT tenant_id || ' ' || target || ' ' || message_id || ' ' || detail FROM outpost_event"
                        + " WHERE kind = 'SUPPRESSION_ADDED'"))
                .containsExactly("shop ann@dest.test " + first.recipientId()
                        + " ann@dest.test on the list for all mail: hard_bounce, by bounce");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void theThirdSoftBounceOfAnAddressSuppressesItForTheRulesTimeAndTheCountStartsAgain(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        commits.countSoftBounces(
                new SoftBounces(new SoftBounceRule(3, Duration.ofDays(30), Duration.ofDays(7)), db.kind()));

        for (int i = 1; i <= 3; i++) {
            Claim claim = storeOne(commits);
            recordBounce(
                    commits,
                    claim,
                    "full@dest.test",
                    BounceClass.MAILBOX_FULL,
                    "mx.dest.test said: 552 5.2.2 mailbox full (" + i + ")");
            int listed = i == 3 ? 1 : 0;
            assertThat(db.query("SELECT COUNT(*) FROM outpost_suppression"))
                    .singleElement()
                    .satisfies(count -> assertThat(((Number) count).intValue()).isEqualTo(listed));
        }

        assertThat(db.query("SELECT reason || ' ' || target FROM outpost_suppression"))
                .containsExactly("SOFT_BOUNCE full@dest.test");
        assertThat(db.query("SELECT expires_at FROM outpost_suppression"))
                .singleElement()
                .satisfies(at -> assertThat(((Timestamp) at).toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7))));
        assertThat(db.query("SELECT evidence FROM outpost_suppression"))
                .singleElement()
                .asString()
                .startsWith("3 soft bounces")
                .endsWith("mailbox full (3)");
        assertThat(db.query("SELECT COUNT(*) FROM outpost_soft_bounce"))
                .singleElement()
                .satisfies(count -> assertThat(((Number) count).intValue()).isZero());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void softBouncesFurtherApartThanTheWindowNeverAddUp(QueueDatabase db) {
        db.deleteAll();
        SoftBounces counter =
                new SoftBounces(new SoftBounceRule(2, Duration.ofDays(30), Duration.ofDays(7)), db.kind());
        TenantId shop = TenantId.of("shop");
        EmailAddress full = EmailAddress.parse("Full@dest.test");

        List<Boolean> reached = db.inJdbcTransaction(connection -> List.of(
                counter.count(connection, shop, full, NOW),
                counter.count(connection, shop, full, NOW.plus(Duration.ofDays(31))),
                counter.count(connection, TenantId.of("other"), full, NOW.plus(Duration.ofDays(32))),
                counter.count(connection, shop, full, NOW.plus(Duration.ofDays(40)))));

        assertThat(reached).containsExactly(false, false, false, true);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aDeferralMakesTheRecipientDueAgainAtItsNextAttempt(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        Claim claim = storeOne(commits);

        commits.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(),
                        claim.token(),
                        RecipientState.DEFERRED,
                        "451 4.3.0 later",
                        Optional.of(NOW.plusSeconds(600)))),
                Optional.empty())));

        assertThat(db.claim(NOW.plusSeconds(599), 60, 10)).isEmpty();
        assertThat(db.claim(NOW.plusSeconds(600), 60, 10))
                .extracting(Claim::recipientId, Claim::attemptsMade)
                .containsExactly(tuple(claim.recipientId(), 1));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void theStoryReadsBackInTimeOrderAndOnlyWithinItsTenant(QueueDatabase db) {
        db.deleteAll();
        QueueCommits early = commits(db, "node-a");
        NewMessage shops = new NewMessage(
                ReversePath.of(SENDER),
                List.of(EmailAddress.parse("rcpt@dest.test")),
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "192.0.2.7",
                false,
                Optional.empty(),
                "signed",
                Optional.of(TenantId.of("shop")));
        Claim claim = early.store(List.of(shops)).get(0).claims().get(0);
        // Another node, later in time, that took its block of event ids first: its events have the lower ids, so
        // only time orders the story right.
        QueueCommits later = db.commits("node-b", LEASE, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        Claim elsewhere = storeOne(early);
        later.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        elsewhere.recipientId(),
                        elsewhere.token(),
                        RecipientState.DELIVERED,
                        "250 ok",
                        Optional.empty())),
                Optional.empty())));
        early.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(),
                        claim.token(),
                        RecipientState.DEFERRED,
                        "451 later",
                        Optional.of(NOW.plusSeconds(30)))),
                Optional.empty())));
        Claim retry = db.claim(NOW.plusSeconds(30), 60, 1).get(0);
        later.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        retry.recipientId(), retry.token(), RecipientState.DELIVERED, "250 ok", Optional.empty())),
                Optional.empty())));

        MessageStory story = db.inTransaction(em -> MessageStories.find(em, claim.messageId(), Optional.empty()))
                .orElseThrow();

        assertThat(story.tenant()).contains(TenantId.of("shop"));
        assertThat(story.receivedAt()).isEqualTo(NOW);
        assertThat(story.events())
                .extracting(MessageStory.Event::kind)
                .containsExactly(EventKind.RECEIVED, EventKind.QUEUED, EventKind.DEFERRED, EventKind.DELIVERED);
        assertThat(story.events().get(3).at()).isEqualTo(NOW.plusSeconds(60));
        assertThat(story.recipients()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RecipientState.DELIVERED);
            assertThat(r.attempts()).isEqualTo(2);
        });
        assertThat(storyFor(db, claim.messageId(), "shop")).isPresent();
        assertThat(storyFor(db, claim.messageId(), "other")).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void theFirstChapterOfTheStorySaysWhoSubmittedTheMessageAndOverWhichTls(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db, "node-a");
        NewMessage submitted = new NewMessage(
                ReversePath.of(SENDER),
                List.of(EmailAddress.parse("rcpt@dest.test")),
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "192.0.2.7",
                false,
                Optional.empty(),
                "signed by shop.example",
                Optional.of(TenantId.of("shop")),
                Optional.of("1@shop.example"),
                Optional.of("shop-mailer"),
                Optional.of("TLSv1.3 TLS_AES_256_GCM_SHA384"));
        long id = commits.store(List.of(submitted, message("plain@dest.test")))
                .get(0)
                .messageId();

        MessageStory story = storyFor(db, id, "shop").orElseThrow();

        assertThat(story.events().get(0).detail())
                .isEqualTo("from 192.0.2.7 by shop-mailer over TLSv1.3 TLS_AES_256_GCM_SHA384, 21 octets, sender <"
                        + SENDER + ">; signed by shop.example");
    }

    private static Optional<MessageStory> storyFor(QueueDatabase db, long messageId, String tenant) {
        return db.inTransaction(em -> MessageStories.find(em, messageId, Optional.of(TenantId.of(tenant))));
    }

    /** Stores one message to one recipient and returns the claim intake holds on it. */
    private static Claim storeOne(QueueCommits commits) {
        return commits.store(List.of(message("rcpt@dest.test"))).get(0).claims().get(0);
    }

    /** The same recipient under another token: an attempt whose claim no longer holds it. */
    private static Claim underToken(Claim claim, long token) {
        return new Claim(claim.recipientId(), claim.messageId(), claim.recipient(), 0, token);
    }

    // The claim's recipient bounced, classified so, as a message of tenant "shop" (whose id is the recipient's).
    private static void recordBounce(
            QueueCommits commits, Claim claim, String address, BounceClass bounceClass, String reply) {
        commits.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(), claim.token(), RecipientState.BOUNCED, reply, Optional.empty())),
                Optional.empty(),
                List.of(new ClassifiedBounce(
                        claim.recipientId(),
                        EmailAddress.parse(address),
                        bounceClass,
                        Optional.of(TenantId.of("shop")),
                        claim.recipientId(),
                        reply)))));
    }

    private static QueueCommits commits(QueueDatabase db, String node) {
        return db.commits(node, LEASE, CLOCK);
    }

    private static NewMessage message(String to) {
        return new NewMessage(
                ReversePath.of(SENDER),
                List.of(EmailAddress.parse(to)),
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "127.0.0.1",
                false,
                Optional.empty(),
                "test");
    }

    private static AttemptRecord bounce(Claim claim) {
        return new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(),
                        claim.token(),
                        RecipientState.BOUNCED,
                        "550 5.1.1 " + "no such user ".repeat(100),
                        Optional.empty())),
                Optional.of(new NewMessage(
                        ReversePath.NULL,
                        List.of(SENDER),
                        MessageContent.of("Subject: DSN\r\n\r\nbounced\r\n".getBytes(StandardCharsets.US_ASCII)),
                        "",
                        false,
                        Optional.empty(),
                        "dsn")));
    }

    private static List<StoredMessage> concat(List<StoredMessage> a, List<StoredMessage> b) {
        List<StoredMessage> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

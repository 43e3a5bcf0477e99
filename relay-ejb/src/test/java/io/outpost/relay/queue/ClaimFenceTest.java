package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fencing of delivery attempts on the real databases: an outcome, a renewal or a release counts only while the claim
 * it names still holds the recipient.
 */
class ClaimFenceTest extends OnBothDatabases {

    private static final long LEASE_SECONDS = 3;

    ClaimFenceTest() {
        super("claim-fence-test");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void outcomeOfAnAttemptWhoseLeaseRanOutAndWasClaimedAgainIsIgnored(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));
        Claim stale = db.claim(NOW, LEASE_SECONDS, 1).get(0);
        Claim current =
                db.claim(NOW.plusSeconds(LEASE_SECONDS), LEASE_SECONDS, 1).get(0);

        assertThat(record(db, update(stale, RecipientState.DELIVERED, "250 stale")))
                .isEmpty();
        assertThat(row(db, id).state()).isEqualTo(RecipientState.QUEUED);
        assertThat(row(db, id).attempts()).isZero();

        assertThat(record(db, update(current, RecipientState.BOUNCED, "550 current")))
                .containsExactly(id);
        assertThat(row(db, id).state()).isEqualTo(RecipientState.BOUNCED);
        assertThat(row(db, id).lastReply()).isEqualTo("550 current");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void lateDeferralNeverTurnsADeliveredRecipientBackIntoAQueuedOne(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));
        Claim claim = db.claim(NOW, LEASE_SECONDS, 1).get(0);
        record(db, update(claim, RecipientState.DELIVERED, "250 ok"));

        assertThat(record(db, deferral(claim))).isEmpty();

        QueuedRecipient row = row(db, id);
        assertThat(row.state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(row.nextAttemptAt()).isNull();
        assertThat(row.attempts()).isEqualTo(1);
        // And a claim never picks it up again.
        assertThat(db.claim(NOW.plusSeconds(86_400), LEASE_SECONDS, 10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void renewalExtendsTheLeaseOnlyForTheClaimThatHoldsIt(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));
        Claim first = db.claim(NOW, LEASE_SECONDS, 1).get(0);
        Instant later = NOW.plusSeconds(LEASE_SECONDS);
        Claim second = db.claim(later, LEASE_SECONDS, 1).get(0);
        Instant secondLease = row(db, id).nextAttemptAt();

        assertThat(renew(db, first, later.plusSeconds(600))).isZero();
        assertThat(row(db, id).nextAttemptAt()).isEqualTo(secondLease);

        assertThat(renew(db, second, later.plusSeconds(600))).isEqualTo(1);
        assertThat(row(db, id).nextAttemptAt()).isEqualTo(later.plusSeconds(600));
        assertThat(db.claim(later.plusSeconds(599), LEASE_SECONDS, 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void renewalOfARecordedRecipientChangesNothing(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));
        Claim claim = db.claim(NOW, LEASE_SECONDS, 1).get(0);
        record(db, update(claim, RecipientState.DELIVERED, "250 ok"));

        assertThat(renew(db, claim, NOW.plusSeconds(600))).isZero();
        assertThat(row(db, id).nextAttemptAt()).isNull();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void releasedClaimIsDueAtOnceAndItsAttemptCanNoLongerRecord(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));
        Claim claim = db.claim(NOW, LEASE_SECONDS, 1).get(0);

        int released = db.inTransaction(em -> ClaimFence.release(em, List.of(claim), NOW));

        assertThat(released).isEqualTo(1);

        assertThat(record(db, update(claim, RecipientState.DELIVERED, "250 ok")))
                .isEmpty();
        assertThat(db.claim(NOW, LEASE_SECONDS, 1))
                .extracting(Claim::recipientId)
                .containsExactly(id);
    }

    private static Set<Long> record(QueueDatabase db, RecipientUpdate update) {
        return db.inJdbcTransaction(connection -> ClaimFence.record(connection, List.of(update), NOW)).stream()
                .map(RecipientUpdate::recipientId)
                .collect(Collectors.toSet());
    }

    private static int renew(QueueDatabase db, Claim claim, Instant until) {
        return db.inTransaction(em -> ClaimFence.renew(em, List.of(claim), until));
    }

    private static RecipientUpdate update(Claim claim, RecipientState state, String reply) {
        return new RecipientUpdate(claim.recipientId(), claim.token(), state, reply, Optional.empty());
    }

    private static RecipientUpdate deferral(Claim claim) {
        return new RecipientUpdate(
                claim.recipientId(),
                claim.token(),
                RecipientState.DEFERRED,
                "451 later",
                Optional.of(NOW.plusSeconds(60)));
    }

    private static QueuedRecipient row(QueueDatabase db, long id) {
        return db.inTransaction(em -> em.find(QueuedRecipient.class, id));
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tracking.TrackingOverride;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotency keys on both databases: remembered in the message's own commit with what it answered, one per tenant and
 * key, and forgotten after the window.
 */
class IdempotencyKeyTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final TenantId BANK = TenantId.of("bank");

    IdempotencyKeyTest() {
        super("idempotency-test");
    }

    private static List<StoredMessage> store(QueueCommits commits, TenantId tenant, String key, String digest) {
        return commits.store(List.of(message(tenant, new IdempotencyKey(tenant, key, digest))));
    }

    // The tables emptied, and a node's commits at NOW.
    private static QueueCommits emptied(QueueDatabase db) {
        db.deleteAll();
        return db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static NewMessage message(TenantId tenant, IdempotencyMark mark) {
        return tenantMessage(
                tenant,
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                List.of(EmailAddress.parse("a@dest.test"), EmailAddress.parse("b@dest.test")),
                new SendOptions(
                        MessageStream.TRANSACTIONAL,
                        Optional.empty(),
                        Optional.of(mark),
                        Optional.empty(),
                        TrackingOverride.NONE,
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aClaimedKeyNamesItsMessageInTheMessagesCommitOncePerTenant(QueueDatabase db) {
        QueueCommits commits = emptied(db);
        IdempotencyKey key = new IdempotencyKey(SHOP, "order-17", "d1");

        IdempotentAnswer.Claim first = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 0, NOW));
        IdempotentAnswer.Claim whileItRuns = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 0, NOW));
        long id = store(commits, SHOP, "order-17", "d1").get(0).messageId();
        IdempotentAnswer.Claim afterwards =
                db.inTransaction(em -> IdempotentAnswer.claim(em, key, 0, NOW.plusSeconds(1)));
        IdempotentAnswer.Claim otherTenants =
                db.inTransaction(em -> IdempotentAnswer.claim(em, new IdempotencyKey(BANK, "order-17", "d2"), 0, NOW));

        assertThat(first).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(whileItRuns)
                .isEqualTo(
                        new IdempotentAnswer.Used(new IdempotentAnswer("d1", Optional.empty(), 0, Optional.empty())));
        assertThat(afterwards)
                .isEqualTo(new IdempotentAnswer.Used(new IdempotentAnswer("d1", Optional.of(id), 2, Optional.empty())));
        assertThat(otherTenants).isInstanceOf(IdempotentAnswer.Claimed.class);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aReleasedClaimOrOneACrashLeftIsClaimedAgainAndOldKeysAreForgotten(QueueDatabase db) {
        db.deleteAll();
        IdempotencyKey key = new IdempotencyKey(SHOP, "order-18", "d1");
        db.inTransaction(em -> IdempotentAnswer.claim(em, key, 0, NOW));
        db.inTransaction(em -> {
            IdempotentAnswer.release(em, key);
            return null;
        });
        IdempotentAnswer.Claim afterRelease = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 0, NOW));
        IdempotentAnswer.Claim tooSoon = db.inTransaction(em -> IdempotentAnswer.claim(
                em, key, 0, NOW.plus(IdempotentAnswer.ABANDONED_AFTER).minusSeconds(1)));
        IdempotentAnswer.Claim abandoned = db.inTransaction(em -> IdempotentAnswer.claim(
                em, key, 0, NOW.plus(IdempotentAnswer.ABANDONED_AFTER).plusSeconds(1)));
        int keptInTheWindow = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW, 100));
        int pastIt = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW.plus(Duration.ofHours(1)), 100));

        assertThat(afterRelease).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(tooSoon).isInstanceOf(IdempotentAnswer.Used.class);
        assertThat(abandoned).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(keptInTheWindow).isZero();
        assertThat(pastIt).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aBatchsKeyNamesEachCommittedRecipientSoACrashedRunResumesWithTheOthers(QueueDatabase db) {
        QueueCommits commits = emptied(db);
        IdempotencyKey key = new IdempotencyKey(SHOP, "batch-7", "b1");
        Instant abandoned = NOW.plus(IdempotentAnswer.ABANDONED_AFTER).plusSeconds(1);

        IdempotentAnswer.Claim first = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 3, NOW));
        // The run commits recipients 0 and 2 (in two group commits), then the server dies before recipient 1.
        long zero = commits.store(List.of(message(SHOP, new BatchItem(key, 0))))
                .get(0)
                .messageId();
        long two = commits.store(List.of(message(SHOP, new BatchItem(key, 2))))
                .get(0)
                .messageId();
        IdempotentAnswer.Claim whileItRuns = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 3, NOW));
        IdempotentAnswer.Claim anotherRequest = db.inTransaction(
                em -> IdempotentAnswer.claim(em, new IdempotencyKey(SHOP, "batch-7", "b2"), 3, abandoned));
        IdempotentAnswer.Claim retry = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 3, abandoned));
        long one = commits.store(List.of(message(SHOP, new BatchItem(key, 1))))
                .get(0)
                .messageId();
        db.inTransaction(em -> {
            IdempotentAnswer.keepBatchAnswer(em, key, "{\"accepted\":3}");
            return null;
        });
        IdempotentAnswer.Claim afterwards = db.inTransaction(em -> IdempotentAnswer.claim(em, key, 3, abandoned));
        int items = ((Number) db.inTransaction(em -> em.createNativeQuery(
                                "SELECT COUNT(*) FROM outpost_idempotency_item WHERE idempotency_key = 'batch-7'"
                                        + " AND message_id IN (?1, ?2, ?3)")
                        .setParameter(1, zero)
                        .setParameter(2, one)
                        .setParameter(3, two)
                        .getSingleResult()))
                .intValue();
        int forgotten = db.inTransaction(em -> IdempotentAnswer.forget(em, abandoned.plusSeconds(1), 100));
        int itemsLeft = ((Number) db.inTransaction(em -> em.createNativeQuery(
                                "SELECT COUNT(*) FROM outpost_idempotency_item WHERE idempotency_key = 'batch-7'")
                        .getSingleResult()))
                .intValue();

        assertThat(first).isEqualTo(new IdempotentAnswer.Claimed(Map.of()));
        assertThat(whileItRuns)
                .isEqualTo(
                        new IdempotentAnswer.Used(new IdempotentAnswer("b1", Optional.empty(), 0, Optional.empty())));
        assertThat(anotherRequest).isInstanceOf(IdempotentAnswer.Used.class);
        assertThat(retry).isEqualTo(new IdempotentAnswer.Claimed(Map.of(0, zero, 2, two)));
        assertThat(items).isEqualTo(3);
        assertThat(afterwards)
                .isEqualTo(new IdempotentAnswer.Used(
                        new IdempotentAnswer("b1", Optional.empty(), 0, Optional.of("{\"accepted\":3}"))));
        assertThat(forgotten).isGreaterThanOrEqualTo(1);
        assertThat(itemsLeft).isZero();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aRenewedBatchClaimIsNotTakenOverAndOneThatSentSomethingIsNeverReleased(QueueDatabase db) {
        QueueCommits commits = emptied(db);
        IdempotencyKey key = new IdempotencyKey(SHOP, "batch-8", "b1");
        Instant renewed = NOW.plus(Duration.ofMinutes(2));
        Instant pastTheFirstClaim = NOW.plus(IdempotentAnswer.ABANDONED_AFTER).plusSeconds(1);

        db.inTransaction(em -> IdempotentAnswer.claim(em, key, 2, NOW));
        long zero = commits.store(List.of(message(SHOP, new BatchItem(key, 0))))
                .get(0)
                .messageId();
        db.inTransaction(em -> {
            IdempotentAnswer.renew(em, key, renewed);
            IdempotentAnswer.release(em, key);
            return null;
        });
        IdempotentAnswer.Claim stillRunning =
                db.inTransaction(em -> IdempotentAnswer.claim(em, key, 2, pastTheFirstClaim));
        IdempotentAnswer.Claim abandoned = db.inTransaction(em -> IdempotentAnswer.claim(
                em, key, 2, renewed.plus(IdempotentAnswer.ABANDONED_AFTER).plusSeconds(1)));

        assertThat(stillRunning).isInstanceOf(IdempotentAnswer.Used.class);
        assertThat(abandoned).isEqualTo(new IdempotentAnswer.Claimed(Map.of(0, zero)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "é-accent"})
    void aKeyIsOneTo255VisibleAsciiCharacters(String key) {
        assertThat(IdempotencyKey.isValid(key)).isFalse();
        assertThat(IdempotencyKey.isValid("x".repeat(256))).isFalse();
        assertThat(IdempotencyKey.isValid("order-17/2026:12")).isTrue();
    }

    @Test
    void aKeyNamesItsTenantAndRequest() {
        assertThatThrownBy(() -> new IdempotencyKey(SHOP, "bad key", "d")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.tracking.TrackingOverride;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
        return commits.store(List.of(new NewMessage(
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                List.of(EmailAddress.parse("a@dest.test"), EmailAddress.parse("b@dest.test")),
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "192.0.2.7",
                false,
                Optional.empty(),
                "test",
                Optional.of(tenant),
                Optional.empty(),
                Optional.of("key-1"),
                Optional.empty(),
                List.of(),
                new SendOptions(
                        MessageStream.TRANSACTIONAL,
                        Optional.empty(),
                        Optional.of(new IdempotencyKey(tenant, key, digest)),
                        Optional.empty(),
                        TrackingOverride.NONE),
                OptionalLong.empty())));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aClaimedKeyNamesItsMessageInTheMessagesCommitOncePerTenant(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        IdempotencyKey key = new IdempotencyKey(SHOP, "order-17", "d1");

        IdempotentAnswer.Claim first = db.inTransaction(em -> IdempotentAnswer.claim(em, key, NOW));
        IdempotentAnswer.Claim whileItRuns = db.inTransaction(em -> IdempotentAnswer.claim(em, key, NOW));
        long id = store(commits, SHOP, "order-17", "d1").get(0).messageId();
        IdempotentAnswer.Claim afterwards = db.inTransaction(em -> IdempotentAnswer.claim(em, key, NOW.plusSeconds(1)));
        IdempotentAnswer.Claim otherTenants =
                db.inTransaction(em -> IdempotentAnswer.claim(em, new IdempotencyKey(BANK, "order-17", "d2"), NOW));

        assertThat(first).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(whileItRuns).isEqualTo(new IdempotentAnswer.Used(new IdempotentAnswer("d1", Optional.empty(), 0)));
        assertThat(afterwards).isEqualTo(new IdempotentAnswer.Used(new IdempotentAnswer("d1", Optional.of(id), 2)));
        assertThat(otherTenants).isInstanceOf(IdempotentAnswer.Claimed.class);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aReleasedClaimOrOneACrashLeftIsClaimedAgainAndOldKeysAreForgotten(QueueDatabase db) {
        db.deleteAll();
        IdempotencyKey key = new IdempotencyKey(SHOP, "order-18", "d1");
        db.inTransaction(em -> IdempotentAnswer.claim(em, key, NOW));
        db.inTransaction(em -> {
            IdempotentAnswer.release(em, key);
            return null;
        });
        IdempotentAnswer.Claim afterRelease = db.inTransaction(em -> IdempotentAnswer.claim(em, key, NOW));
        IdempotentAnswer.Claim tooSoon = db.inTransaction(em -> IdempotentAnswer.claim(
                em, key, NOW.plus(IdempotentAnswer.ABANDONED_AFTER).minusSeconds(1)));
        IdempotentAnswer.Claim abandoned = db.inTransaction(em -> IdempotentAnswer.claim(
                em, key, NOW.plus(IdempotentAnswer.ABANDONED_AFTER).plusSeconds(1)));
        int keptInTheWindow = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW, 100));
        int pastIt = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW.plus(Duration.ofHours(1)), 100));

        assertThat(afterRelease).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(tooSoon).isInstanceOf(IdempotentAnswer.Used.class);
        assertThat(abandoned).isInstanceOf(IdempotentAnswer.Claimed.class);
        assertThat(keptInTheWindow).isZero();
        assertThat(pastIt).isEqualTo(1);
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

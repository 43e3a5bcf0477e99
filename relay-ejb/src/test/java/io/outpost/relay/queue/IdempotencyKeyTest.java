package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
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
                Optional.of(new IdempotencyKey(tenant, key, digest)))));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aKeyIsRememberedWithItsMessageOncePerTenantAndForgottenAfterTheWindow(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        long id = store(commits, SHOP, "order-17", "d1").get(0).messageId();

        Optional<IdempotentAnswer> answer = db.inTransaction(em -> IdempotentAnswer.find(em, SHOP, "order-17"));
        assertThat(answer).contains(new IdempotentAnswer("d1", id, 2));
        Optional<IdempotentAnswer> otherTenants =
                db.inTransaction(em -> IdempotentAnswer.find(em, TenantId.of("bank"), "order-17"));
        assertThat(otherTenants).isEmpty();
        // The same key of another tenant is its own; the same key of the same tenant cannot be committed twice.
        store(commits, TenantId.of("bank"), "order-17", "d2");
        assertThatThrownBy(() -> store(commits, SHOP, "order-17", "d1")).isInstanceOf(PersistenceException.class);

        int keptInTheWindow = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW, 100));
        int pastIt = db.inTransaction(em -> IdempotentAnswer.forget(em, NOW.plusSeconds(1), 100));
        Optional<IdempotentAnswer> forgotten = db.inTransaction(em -> IdempotentAnswer.find(em, SHOP, "order-17"));
        assertThat(keptInTheWindow).isZero();
        assertThat(pastIt).isEqualTo(2);
        assertThat(forgotten).isEmpty();
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

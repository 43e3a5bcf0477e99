package io.outpost.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerifiedApiKeysTest {

    private static final TenantId SHOP = TenantId.of("shop");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    private final Set<String> revoked = new HashSet<>();
    private final VerifiedApiKeys verified = new VerifiedApiKeys(now::get, 3, keyId -> !revoked.contains(keyId));

    @Test
    void remembersAVerifiedKeyForItsTenant() {
        verified.remember("op_a", "op_a.secret", SHOP);

        assertThat(verified.tenantOf("op_a.secret")).contains(SHOP);
    }

    @Test
    void doesNotAcceptAnotherSecretOfTheSameKeyId() {
        verified.remember("op_a", "op_a.secret", SHOP);

        assertThat(verified.tenantOf("op_a.guess")).isEmpty();
    }

    @Test
    void forgetsAKeyAfterSixtySeconds() {
        verified.remember("op_a", "op_a.secret", SHOP);

        now.set(now.get().plus(Duration.ofSeconds(59)));
        assertThat(verified.tenantOf("op_a.secret")).contains(SHOP);
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(verified.tenantOf("op_a.secret")).isEmpty();
    }

    @Test
    void refusesARevokedKeyAtOnceThoughItsVerificationIsRemembered() {
        verified.remember("op_a", "op_a.secret", SHOP);
        verified.remember("op_b", "op_b.secret", SHOP);

        revoked.add("op_a");

        assertThat(verified.tenantOf("op_a.secret")).isEmpty();
        assertThat(verified.tenantOf("op_b.secret")).contains(SHOP);
    }

    @Test
    void holdsNoMoreThanItsLimitMakingRoomFromExpiredEntries() {
        verified.remember("op_a", "op_a.s", SHOP);
        verified.remember("op_b", "op_b.s", SHOP);
        verified.remember("op_c", "op_c.s", SHOP);
        verified.remember("op_d", "op_d.s", SHOP);
        assertThat(verified.size()).isEqualTo(3);
        assertThat(verified.tenantOf("op_d.s")).isEmpty();

        now.set(now.get().plus(Duration.ofMinutes(2)));
        verified.remember("op_d", "op_d.s", SHOP);

        assertThat(verified.size()).isEqualTo(1);
        assertThat(verified.tenantOf("op_d.s")).contains(SHOP);
    }
}

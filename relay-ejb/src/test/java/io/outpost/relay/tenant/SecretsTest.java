package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private final JdkPbkdf2PasswordHash pbkdf2 = new JdkPbkdf2PasswordHash();
    private final Secrets secrets = new Secrets(pbkdf2);

    @Test
    void aHashedSecretVerifiesAndAWrongOneDoesNot() {
        String hash = secrets.hash("correct horse".toCharArray());

        assertThat(secrets.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(secrets.verify("correct horse!".toCharArray(), hash)).isFalse();
    }

    @Test
    void hashesAreSaltedSlowPbkdf2AndNeverContainTheSecret() {
        String first = secrets.hash("same".toCharArray());
        String second = secrets.hash("same".toCharArray());

        assertThat(first)
                .isNotEqualTo(second)
                .startsWith("PBKDF2WithHmacSHA256:210000:")
                .doesNotContain("same");
        assertThat(Base64.getDecoder().decode(first.split(":")[2])).hasSize(32);
    }

    @Test
    void generatedSecretsAreRandomUrlSafeAndAtLeast128Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = secrets.generate();
            assertThat(secret).matches("[A-Za-z0-9_-]{32}");
            assertThat(Base64.getUrlDecoder().decode(secret).length * 8).isGreaterThanOrEqualTo(128);
            seen.add(secret);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void anUnknownUserCostsOneVerificationAndFails() {
        int before = pbkdf2.verifications;

        assertThat(secrets.verifyUnknown("guess".toCharArray())).isFalse();
        assertThat(pbkdf2.verifications).isEqualTo(before + 1);
    }

    @Test
    void aMalformedStoredHashNeverMatches() {
        assertThat(secrets.verify("x".toCharArray(), "not-a-hash")).isFalse();
    }
}

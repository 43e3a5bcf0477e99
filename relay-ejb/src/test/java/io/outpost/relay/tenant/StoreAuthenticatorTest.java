package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final JdkPbkdf2PasswordHash pbkdf2 = new JdkPbkdf2PasswordHash();
    private final Secrets secrets = new Secrets(pbkdf2);
    private final Map<String, StoredCredential> active = new HashMap<>();
    private final Map<String, Instant> used = new HashMap<>();
    private final StoreAuthenticator authenticator = new StoreAuthenticator(
            name -> Optional.ofNullable(active.get(name)), used::put, secrets, Clock.fixed(NOW, ZoneOffset.UTC));

    StoreAuthenticatorTest() {
        active.put(
                "shop-mailer",
                new StoredCredential(
                        TenantId.of("shop"),
                        "shop-mailer",
                        secrets.hash("s3cret".toCharArray()),
                        CredentialLimits.UNLIMITED));
    }

    @Test
    void authenticatesAnActiveCredentialAsItsTenantAndRecordsTheUse() {
        AuthResult result = authenticator.authenticate("shop-mailer", "s3cret".toCharArray(), localhost());

        assertThat(result).isEqualTo(new AuthResult.Authenticated(new Identity("shop", "shop-mailer")));
        assertThat(used).containsEntry("shop-mailer", NOW);
    }

    @Test
    void rejectsAWrongPasswordWithoutRecordingAUse() {
        assertThat(authenticator.authenticate("shop-mailer", "guess".toCharArray(), localhost()))
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(used).isEmpty();
    }

    @Test
    void rejectsAnUnknownUserAfterCheckingTheDummyHash() {
        int before = pbkdf2.verifications;

        assertThat(authenticator.authenticate("nobody", "s3cret".toCharArray(), localhost()))
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(pbkdf2.verifications).isEqualTo(before + 1);
    }

    private static InetAddress localhost() {
        return InetAddress.getLoopbackAddress();
    }
}

package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Secret;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialStoreCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final JdkPbkdf2PasswordHash pbkdf2 = new JdkPbkdf2PasswordHash();
    private final Secrets secrets = new Secrets(pbkdf2);
    private final Map<String, StoredCredential> active = new HashMap<>();
    private final Map<String, Instant> used = new HashMap<>();
    private final CredentialStoreCheck check = new CredentialStoreCheck(
            name -> Optional.ofNullable(active.get(name)), used::put, secrets, Clock.fixed(NOW, ZoneOffset.UTC));

    CredentialStoreCheckTest() {
        active.put(
                "shop-mailer",
                new StoredCredential(
                        TenantId.of("shop"),
                        "shop-mailer",
                        secrets.hash("s3cret".toCharArray()),
                        CredentialLimits.UNLIMITED));
    }

    @Test
    void acceptsAnActiveCredentialAsItsTenantAndRecordsTheUse() {
        AuthenticationResult result = check.check(attempt("shop-mailer", "s3cret"));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(result.principal())
                .contains(new AuthenticatedPrincipal(TenantId.of("shop"), CredentialId.of("shop-mailer")));
        assertThat(used).containsEntry("shop-mailer", NOW);
    }

    @Test
    void rejectsAWrongPasswordWithoutRecordingAUse() {
        assertThat(check.check(attempt("shop-mailer", "guess")).verdict().kind())
                .isEqualTo(Verdict.Kind.REJECT);
        assertThat(used).isEmpty();
    }

    @Test
    void letsALaterCheckDecideAnUnknownUserAfterCheckingTheDummyHash() {
        int before = pbkdf2.verifications;

        assertThat(check.check(attempt("nobody", "s3cret")).verdict().kind()).isEqualTo(Verdict.Kind.CONTINUE);
        assertThat(pbkdf2.verifications).isEqualTo(before + 1);
    }

    @Test
    void isNamedForTheOperatorsOrder() {
        assertThat(check.name()).isEqualTo("credential-store");
    }

    private static AuthenticationAttempt attempt(String user, String password) {
        return new AuthenticationAttempt(
                user,
                Secret.of(password.toCharArray()),
                InetAddress.getLoopbackAddress(),
                true,
                AuthenticationAttempt.Protocol.SMTP);
    }
}

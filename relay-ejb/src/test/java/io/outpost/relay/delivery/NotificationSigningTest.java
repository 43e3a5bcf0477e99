package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import io.outpost.relay.sending.SigningProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationSigningTest {

    private static final Domain HOST_DOMAIN = Domain.of("outpost.test");
    private static final byte[] DSN = ("From: Mail Delivery System <MAILER-DAEMON@outpost.test>\r\n"
                    + "To: <sender@example.test>\r\nSubject: Undelivered Mail\r\n\r\nreport\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static DkimKey key;

    @BeforeAll
    static void generateKey() {
        key = new DkimKey(
                HOST_DOMAIN,
                "dsn",
                DkimKey.Algorithm.ED25519_SHA256,
                DkimKeys.generateEd25519().getPrivate());
    }

    @Test
    void signsADsnWithTheVerifiedKeyOfTheHostNamesDomain() {
        NotificationSigning signing =
                new NotificationSigning(d -> d.equals(HOST_DOMAIN) ? Optional.of(profile(List.of())) : none());

        Ready ready = signing.apply(DSN);

        assertThat(new String(ready.content().toByteArray(), StandardCharsets.US_ASCII))
                .startsWith("DKIM-Signature: v=1; a=ed25519-sha256;")
                .contains("d=outpost.test;")
                .endsWith(new String(DSN, StandardCharsets.US_ASCII));
        assertThat(ready.returnPath()).isEmpty();
        assertThat(ready.note()).startsWith("DSN signed d=outpost.test");
    }

    @Test
    void sendsTheDsnUnsignedWhenTheHostNameIsNoSendingDomain() {
        Ready ready = new NotificationSigning(d -> none()).apply(DSN);

        assertThat(ready.content().toByteArray()).isEqualTo(DSN);
        assertThat(ready.note()).startsWith("DSN not signed");
    }

    @Test
    void sendsTheDsnUnsignedRatherThanHoldingItWhileTheKeyIsUnverified() {
        NotificationSigning signing = new NotificationSigning(d -> d.equals(HOST_DOMAIN)
                ? Optional.of(profile(List.of("dsn._domainkey.outpost.test (MISSING)")))
                : none());

        Ready ready = signing.apply(DSN);

        assertThat(ready.content().toByteArray()).isEqualTo(DSN);
        assertThat(ready.note()).startsWith("DSN not signed: refused: DKIM not verified");
    }

    @Test
    void sendsTheDsnUnsignedWhenTheSigningProfileCannotBeRead() {
        NotificationSigning signing = new NotificationSigning(d -> {
            throw new IllegalStateException("database down");
        });

        Ready ready = signing.apply(DSN);

        assertThat(ready.content().toByteArray()).isEqualTo(DSN);
        assertThat(ready.note()).isEqualTo("DSN not signed: signing failed");
    }

    private static SigningProfile profile(List<String> unverified) {
        return new SigningProfile(
                TenantId.of("operator"),
                HOST_DOMAIN,
                List.of(key),
                unverified,
                false,
                Optional.empty(),
                false,
                false,
                Optional.empty(),
                Optional.empty());
    }

    private static Optional<SigningProfile> none() {
        return Optional.empty();
    }
}

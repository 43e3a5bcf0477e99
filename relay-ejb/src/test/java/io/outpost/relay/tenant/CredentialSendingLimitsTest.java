package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialSendingLimitsTest {

    private static final Identity LIMITED = new Identity(TenantId.of("shop"), "limited");
    private static final Identity UNLIMITED = new Identity(TenantId.of("shop"), "unlimited");
    private static final Identity PLUGIN_USER = new Identity(TenantId.of("it-tenant"), "alice");
    private static final Identity REVOKED = new Identity(TenantId.of("shop"), "revoked");
    private static final Identity UNREADABLE = new Identity(TenantId.of("shop"), "unreadable");
    private static final Identity FORGOTTEN = new Identity(TenantId.of("shop"), "forgotten");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final CredentialSendingLimits limits = new CredentialSendingLimits(
            identity -> switch (identity.username()) {
                case "limited" -> new CredentialState.Active(new CredentialLimits(3, 5));
                case "unlimited" -> new CredentialState.Active(CredentialLimits.UNLIMITED);
                case "revoked" -> new CredentialState.Inactive();
                case "unreadable" -> throw new IllegalStateException("database down");
                case "forgotten" -> null;
                default -> new CredentialState.NotStored();
            },
            clock);

    @Test
    void refusesMoreRecipientsThanTheCredentialAllows() {
        assertThat(limits.checkMessage(LIMITED, 5)).isEmpty();
        assertThat(limits.checkMessage(LIMITED, 6).map(SmtpReply::toString))
                .contains("451 4.7.1 Recipient limit reached for limited: at most 5 per message");
    }

    @Test
    void refusesMessagesBeyondTheHourlyLimitUntilTheHourIsOver() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.checkMessage(LIMITED, 1)).isEmpty();
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(limits.checkMessage(LIMITED, 1).map(SmtpReply::toString))
                .contains("451 4.7.1 Hourly message limit reached for limited");

        clock.advance(Duration.ofMinutes(30)); // one hour after the first message

        assertThat(limits.checkMessage(LIMITED, 1)).isEmpty();
    }

    @Test
    void aRefusedMessageDoesNotCountAgainstTheHour() {
        assertThat(limits.checkMessage(LIMITED, 99)).isPresent();
        for (int i = 0; i < 3; i++) {
            assertThat(limits.checkMessage(LIMITED, 1)).isEmpty();
        }
    }

    @Test
    void credentialsWithoutLimitsAndPluginUsersAreNotLimited() {
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.checkMessage(UNLIMITED, 500)).isEmpty();
            assertThat(limits.checkMessage(PLUGIN_USER, 500)).isEmpty();
        }
    }

    @Test
    void refusesACredentialRevokedSinceItLoggedInForNow() {
        assertThat(limits.checkMessage(REVOKED, 1).map(SmtpReply::toString))
                .contains("451 4.7.0 revoked is no longer active");
    }

    @Test
    void refusesForNowWhenTheLimitsCannotBeRead() {
        assertThat(limits.checkMessage(UNREADABLE, 1).map(SmtpReply::toString))
                .contains("451 4.3.0 Sending limits of unreadable cannot be read now; try again later");
        assertThat(limits.checkMessage(FORGOTTEN, 1).map(SmtpReply::toString))
                .contains("451 4.3.0 Sending limits of forgotten cannot be read now; try again later");
    }
}

package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.smtp.auth.Identity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevokedCredentialPolicyTest {

    private static final Identity ALICE = new Identity(TenantId.of("shop"), "alice");
    private static final Identity PLUGIN_USER = new Identity(TenantId.of("shop"), "bob");

    private final Map<String, CredentialState> states = new HashMap<>(Map.of(
            "alice", new CredentialState.Active(CredentialLimits.UNLIMITED), "bob", new CredentialState.NotStored()));
    private final SenderPolicy policy =
            new RevokedCredentialPolicy(SenderPolicy.ALLOW_ALL, i -> states.get(i.username()));

    @Test
    void refusesTheNextMailFromOfACredentialRevokedSinceItLoggedIn() {
        ReversePath sender = ReversePath.of(EmailAddress.parse("alice@shop.example"));
        assertThat(policy.checkSender(ALICE, sender)).isEmpty();

        states.put("alice", new CredentialState.Inactive());

        assertThat(policy.checkSender(ALICE, sender).map(SmtpReply::toString))
                .contains("530 5.7.8 Authentication credentials invalid: revoked since this session logged in; log in"
                        + " again");
    }

    @Test
    void leavesWhatTheStoreDoesNotKeepToTheNextPolicy() {
        assertThat(policy.checkSender(PLUGIN_USER, ReversePath.of(EmailAddress.parse("bob@shop.example"))))
                .isEmpty();
    }
}

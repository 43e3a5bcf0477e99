package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestPipelines;
import io.outpost.relay.testing.TestTls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sender-binding and sending-limits rules in a real conversation: applied to authenticated sessions and to clients
 * on a network trusted on behalf of a tenant — never to other trusted or unauthenticated clients.
 */
class SenderPolicyConversationTest extends ServerTestCase {

    private static final Domain OWNED = Domain.of("tenant.example");

    /** Tenant-1 owns tenant.example: envelope sender and every From: domain must be within it. */
    private static final SenderPolicy OWNED_DOMAIN_ONLY = new SenderPolicy() {
        @Override
        public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
            if (sender.mailbox().map(m -> m.domain().isWithin(OWNED)).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(SmtpReply.of(550, "5.7.1", "Sender address not owned by your account: " + sender));
        }

        @Override
        public Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers) {
            List<Domain> domains = HeaderFrom.domains(headers);
            if (!domains.isEmpty() && domains.stream().allMatch(d -> d.isWithin(OWNED))) {
                return Optional.empty();
            }
            return Optional.of(SmtpReply.of(550, "5.7.1", "From: header domain not owned by your account"));
        }
    };

    private SmtpSettings settings(SenderPolicy policy, SendingLimits limits) {
        return settings(policy, limits, RelayPolicy.of(List.of(), List.of(Domain.of("example.org"))));
    }

    private SmtpSettings settings(SenderPolicy policy, SendingLimits limits, RelayPolicy relay) {
        return settings()
                .withTls(TestTls.serverContext())
                .withAuthenticator(new FakeAuthenticator())
                .withRelayPolicy(relay)
                .withSubmission(TestPipelines.of(relay, policy, limits, List.of(), Suppression.NONE, decision -> {}));
    }

    private SmtpTestClient authenticated() throws Exception {
        SmtpTestClient client = connectOverStartTls();
        client.command("EHLO client.example");
        client.command("AUTH PLAIN " + AuthConversationTest.plain("alice", "secret"));
        return client;
    }

    @Test
    void bindsAClientOnANetworkTrustedForATenantToThatTenantsDomains() throws Exception {
        start(settings(
                OWNED_DOMAIN_ONLY,
                SendingLimits.UNLIMITED,
                RelayPolicy.of(List.of("127.0.0.1/32=tenant-1"), List.of())));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<ceo@bank.example>"))
                .isEqualTo("550 5.7.1 Sender address not owned by your account: <ceo@bank.example>");
        assertThat(client.command("MAIL FROM:<news@tenant.example>")).isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void leavesAClientOnANetworkTrustedWithoutATenantUnbound() throws Exception {
        start(settings(OWNED_DOMAIN_ONLY, SendingLimits.UNLIMITED, RelayPolicy.of(List.of("127.0.0.1/32"), List.of())));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<ceo@bank.example>")).isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void refusesSenderTheAccountDoesNotOwn() throws Exception {
        start(settings(OWNED_DOMAIN_ONLY, SendingLimits.UNLIMITED));
        assertThat(authenticated().command("MAIL FROM:<ceo@bank.example>"))
                .isEqualTo("550 5.7.1 Sender address not owned by your account: <ceo@bank.example>");
    }

    @Test
    void acceptsOwnedSenderAndFromHeader() throws Exception {
        start(settings(OWNED_DOMAIN_ONLY, SendingLimits.UNLIMITED));
        SmtpTestClient client = authenticated();
        assertThat(client.command("MAIL FROM:<news@tenant.example>")).isEqualTo("250 2.1.0 Sender ok");
        client.command("RCPT TO:<carol@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("From: \"News\" <news@tenant.example>\r\nSubject: hi\r\n\r\nbody\r\n."))
                .isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void refusesFromHeaderTheAccountDoesNotOwn() throws Exception {
        start(settings(OWNED_DOMAIN_ONLY, SendingLimits.UNLIMITED));
        SmtpTestClient client = authenticated();
        client.command("MAIL FROM:<news@tenant.example>");
        client.command("RCPT TO:<carol@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("From: \"news@tenant.example\" <ceo@bank.example>\r\n\r\nbody\r\n."))
                .isEqualTo("550 5.7.1 From: header domain not owned by your account");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void unauthenticatedSessionsAreNotAskedAboutSenders() throws Exception {
        start(settings(OWNED_DOMAIN_ONLY, SendingLimits.UNLIMITED));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<ceo@bank.example>")).isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void hourlyLimitRefusesTheMessage() throws Exception {
        start(settings(
                SenderPolicy.ALLOW_ALL,
                (identity, recipients) -> Optional.of(SmtpReply.of(451, "4.7.1", "Hourly message limit reached"))));
        SmtpTestClient client = authenticated();
        client.command("MAIL FROM:<news@tenant.example>");
        client.command("RCPT TO:<carol@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nbody\r\n.")).isEqualTo("451 4.7.1 Hourly message limit reached");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void recipientLimitSeesTheRecipientCount() throws Exception {
        start(settings(
                SenderPolicy.ALLOW_ALL,
                (identity, recipients) -> recipients > 1
                        ? Optional.of(SmtpReply.of(452, "4.5.3", "Too many recipients for your account"))
                        : Optional.empty()));
        SmtpTestClient client = authenticated();
        client.command("MAIL FROM:<news@tenant.example>");
        client.command("RCPT TO:<carol@elsewhere.example>");
        client.command("RCPT TO:<dave@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nbody\r\n."))
                .isEqualTo("452 4.5.3 Too many recipients for your account");
    }

    @Test
    void hookThatThrowsFailsClosed() throws Exception {
        start(settings(SenderPolicy.ALLOW_ALL, (identity, recipients) -> {
            throw new IllegalStateException("limits store down (test)");
        }));
        SmtpTestClient client = authenticated();
        client.command("MAIL FROM:<news@tenant.example>");
        client.command("RCPT TO:<carol@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nbody\r\n."))
                .isEqualTo(PluginPhase.MESSAGE
                        .defaultReply(Verdict.Kind.DEFER)
                        .orElseThrow()
                        .toString());
        assertThat(acceptor.messages()).isEmpty();
    }
}

package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.plugin.PluginChain;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestPipelines;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's suppression policies at RCPT: a refused recipient gets exactly the reply the policy gave. */
class SuppressionConversationTest extends ServerTestCase {

    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final List<SuppressionQuery> asked = new CopyOnWriteArrayList<>();
    private final List<PluginDecision> decisions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopCalls() {
        calls.shutdownNow();
    }

    private Suppression policy(Function<SuppressionQuery, Verdict> decide) {
        SuppressionPolicy policy = new SuppressionPolicy() {
            @Override
            public String name() {
                return "test-list";
            }

            @Override
            public Verdict check(SuppressionQuery query) {
                asked.add(query);
                return decide.apply(query);
            }
        };
        return new Suppression(chain(PluginPhase.RCPT, policy), chain(PluginPhase.PRE_DELIVERY, policy));
    }

    private PluginChain<SuppressionPolicy, Verdict> chain(PluginPhase phase, SuppressionPolicy policy) {
        return PluginChain.suppression(
                phase, List.of(policy), Duration.ofSeconds(5), calls, decisions::add, Clock.systemUTC(), p -> false);
    }

    private static final RelayPolicy TRUSTED_LOOPBACK = RelayPolicy.of(List.of("127.0.0.0/8"), List.of());

    // The suppression policies come after the relay's rules at RCPT, as in the relay.
    private SmtpSettings settings(RelayPolicy relay, Suppression suppression) {
        return settings()
                .withRelayPolicy(relay)
                .withSubmission(TestPipelines.of(
                        relay,
                        SenderPolicy.ALLOW_ALL,
                        SendingLimits.UNLIMITED,
                        List.of(),
                        suppression,
                        decisions::add));
    }

    private SmtpTestClient inTransaction() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<news@shop.example>")).startsWith("250");
        return client;
    }

    @Test
    void aRefusedRecipientGetsThePolicysOwnReplyAndTheOthersGoThrough() throws Exception {
        SmtpReply own = SmtpReply.of(550, "5.7.1", "ann@example.net unsubscribed on 2026-11-02");
        start(settings(
                RelayPolicy.of(List.of("127.0.0.1/32=tenant-1"), List.of()),
                policy(q -> q.recipient().localPart().equals("ann")
                        ? Verdict.reject("on the list", own)
                        : Verdict.proceed())));
        SmtpTestClient client = inTransaction();

        assertThat(client.command("RCPT TO:<ann@example.net>")).isEqualTo(own.toString());
        assertThat(client.command("RCPT TO:<bob@example.net>")).startsWith("250");

        assertThat(asked).hasSize(2).first().satisfies(query -> {
            assertThat(query.phase()).isEqualTo(PluginPhase.RCPT);
            assertThat(query.tenant()).contains(TenantId.of("tenant-1"));
            assertThat(query.sender().toString()).isEqualTo("<news@shop.example>");
        });
        assertThat(decisions)
                .filteredOn(decision -> decision.plugin().equals("test-list"))
                .extracting(PluginDecision::phase)
                .containsOnly(PluginPhase.RCPT);
        assertThat(client.command("DATA")).startsWith("354");
        client.send("Subject: hi\r\n\r\nhello\r\n.\r\n");
        assertThat(client.reply()).startsWith("250");
        assertThat(acceptor.messages()).singleElement().satisfies(m -> {
            assertThat(m.recipients()).extracting(Object::toString).containsExactly("bob@example.net");
            // The tenant's message tells of the recipient refused on the way.
            assertThat(m.refusals()).containsExactly("recipient ann@example.net rejected at RCPT by test-list: " + own);
        });
    }

    @Test
    void aDeferringOrFailingPolicyRefusesTheRecipientForNow() throws Exception {
        start(settings(TRUSTED_LOOPBACK, policy(q -> switch (q.recipient().localPart()) {
            case "later" -> Verdict.defer("list unreachable");
            case "broken" -> throw new IllegalStateException("file gone");
            default -> Verdict.proceed();
        })));
        SmtpTestClient client = inTransaction();

        assertThat(client.command("RCPT TO:<later@example.net>")).isEqualTo(Verdict.DEFAULT_DEFER.toString());
        assertThat(client.command("RCPT TO:<broken@example.net>")).isEqualTo(Verdict.DEFAULT_DEFER.toString());
        assertThat(asked.get(0).tenant()).isEqualTo(Optional.empty());
    }

    @Test
    void theRelaysOwnPostmasterIsNeverAskedAbout() throws Exception {
        start(settings(TRUSTED_LOOPBACK, policy(q -> Verdict.reject("everyone"))));
        SmtpTestClient client = inTransaction();

        assertThat(client.command("RCPT TO:<postmaster@" + HOST + ">")).startsWith("250");
        assertThat(client.command("RCPT TO:<ann@example.net>")).isEqualTo(Verdict.DEFAULT_REJECT.toString());
        assertThat(asked).hasSize(1);
    }
}

package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.SubmissionPipeline;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestPipelines;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The operator's submission policies in a real SMTP conversation: asked at the phases they take part in, with what is
 * known by then; a refusal reaches the client exactly as the policy gave it; a policy that fails defers, and nothing is
 * queued.
 */
class SubmissionConversationTest extends ServerTestCase {

    private final List<Map.Entry<PluginPhase, Submission>> asked = new CopyOnWriteArrayList<>();
    private final List<PluginDecision> decisions = new CopyOnWriteArrayList<>();

    private static final RelayPolicy TRUSTED_LOOPBACK = RelayPolicy.of(List.of("127.0.0.0/8"), List.of());

    /** The relay's rules for a trusted loopback client, then {@code test-rules} deciding as {@code decide}. */
    private SubmissionPipeline policy(Set<PluginPhase> phases, BiFunction<PluginPhase, Submission, Verdict> decide) {
        SubmissionPolicy policy = new SubmissionPolicy() {
            @Override
            public String name() {
                return "test-rules";
            }

            @Override
            public Set<PluginPhase> phases() {
                return phases;
            }

            @Override
            public Verdict check(PluginPhase phase, Submission submission) {
                asked.add(Map.entry(phase, submission));
                return decide.apply(phase, submission);
            }
        };
        return TestPipelines.of(
                TRUSTED_LOOPBACK,
                SenderPolicy.ALLOW_ALL,
                SendingLimits.UNLIMITED,
                List.of(policy),
                Suppression.NONE,
                // Only this policy's: the relay's own rules are recorded too.
                decision -> {
                    if (decision.plugin().equals("test-rules")) {
                        decisions.add(decision);
                    }
                });
    }

    @Test
    void aPolicysOwnReplyAtRcptReachesTheClientAsItGaveItAndItSeesTheEnvelopeSoFar() throws Exception {
        SmtpReply own = SmtpReply.of(550, "5.7.1", "We do not mail rival.example");
        start(trustedLoopbackSettings()
                .withSubmission(policy(
                        Set.of(PluginPhase.RCPT),
                        (phase, s) ->
                                s.recipient().orElseThrow().domain().name().equals("rival.example")
                                        ? Verdict.reject("rival", own)
                                        : Verdict.proceed())));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<news@shop.example>");

        assertThat(client.command("RCPT TO:<ann@example.net>")).startsWith("250");
        assertThat(client.command("RCPT TO:<ceo@rival.example>")).isEqualTo(own.toString());

        Submission second = asked.get(1).getValue();
        assertThat(second.channel()).isEqualTo(Submission.Channel.SMTP);
        assertThat(second.client().heloName()).contains("client.example");
        assertThat(second.client().tls()).isEmpty();
        assertThat(second.sender().orElseThrow().toString()).isEqualTo("<news@shop.example>");
        assertThat(second.recipients()).extracting(Object::toString).containsExactly("ann@example.net");
        assertThat(second.recipient().orElseThrow().toString()).isEqualTo("ceo@rival.example");
        // Declared for RCPT only: asked at no other phase.
        assertThat(asked).extracting(Map.Entry::getKey).containsOnly(PluginPhase.RCPT);
        assertThat(decisions)
                .extracting(d -> d.verdict().kind())
                .containsExactly(Verdict.Kind.CONTINUE, Verdict.Kind.REJECT);
    }

    @Test
    void aPolicyThatThrowsAtTheEndOfTheDataDefersTheMessageAndNothingIsQueued() throws Exception {
        start(trustedLoopbackSettings().withSubmission(policy(Set.of(PluginPhase.MESSAGE), (phase, s) -> {
            throw new IllegalStateException("rule file unreadable (test)");
        })));
        SmtpTestClient client = connectWithRecipient();

        assertThat(client.command("DATA")).startsWith("354");
        client.send("Subject: hello\r\n\r\nhi\r\n.\r\n");

        assertThat(client.reply()).isEqualTo(Verdict.DEFAULT_DEFER.toString());
        assertThat(acceptor.messages()).isEmpty();
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.phase()).isEqualTo(PluginPhase.MESSAGE);
            assertThat(d.reason()).contains("threw IllegalStateException");
        });
    }

    @Test
    void atTheEndOfTheDataAPolicySeesTheHeaderFieldsAndSize() throws Exception {
        SmtpReply own = SmtpReply.of(554, "5.7.1", "No lottery mail here");
        start(trustedLoopbackSettings()
                .withSubmission(policy(
                        Set.of(PluginPhase.MESSAGE),
                        (phase, s) -> s.headers()
                                        .orElseThrow()
                                        .first("Subject")
                                        .orElse("")
                                        .contains("lottery")
                                ? Verdict.reject("lottery", own)
                                : Verdict.proceed())));
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send("Subject: You won\r\n the lottery\r\nFrom: a@shop.example\r\n\r\nhi\r\n.\r\n");

        assertThat(client.reply()).isEqualTo(own.toString());
        // Handed over for the story, naming the policy: a trusted client of no tenant, so the acceptor only logs it.
        assertThat(acceptor.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.refusal().plugin()).isEqualTo("test-rules");
            assertThat(refused.refusal().phase()).isEqualTo(PluginPhase.MESSAGE);
            assertThat(refused.refusal().reply()).isEqualTo(own);
            assertThat(refused.recipients()).extracting(Object::toString).containsExactly("bob@example.org");
            assertThat(refused.sizeOctets()).isPositive();
        });
        Submission seen = asked.get(0).getValue();
        assertThat(seen.headers().orElseThrow().first("subject")).contains("You won the lottery");
        assertThat(seen.size().orElseThrow()).isPositive();
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void aPolicyRefusingAtConnectGivesTheGreetingsReplyAndClosesTheConnection() throws Exception {
        start(trustedLoopbackSettings()
                .withSubmission(policy(
                        Set.of(PluginPhase.CONNECT),
                        (phase, s) -> s.client().address().isLoopbackAddress()
                                ? Verdict.reject("no loopback")
                                : Verdict.proceed())));
        SmtpTestClient client = connectWithoutGreeting();

        assertThat(client.reply()).isEqualTo("554 5.7.1 Connection refused by policy");
        assertThat(client.isClosedByServer()).isTrue();
    }

    @Test
    void aPolicyDeferringAtHeloOrMailRefusesThatCommandOnly() throws Exception {
        SmtpReply busy = SmtpReply.of(451, "4.7.1", "Greylisted, try again in 5 minutes");
        start(trustedLoopbackSettings()
                .withSubmission(policy(Set.of(PluginPhase.HELO, PluginPhase.MAIL), (phase, s) -> {
                    if (phase == PluginPhase.HELO) {
                        return s.client().heloName().orElseThrow().equals("spammer.example")
                                ? Verdict.reject("helo")
                                : Verdict.proceed();
                    }
                    return Verdict.defer("greylist", busy);
                })));
        SmtpTestClient client = connect();

        assertThat(client.command("EHLO spammer.example")).isEqualTo(Verdict.DEFAULT_REJECT.toString());
        assertThat(client.command("EHLO client.example")).startsWith("250");
        assertThat(client.command("MAIL FROM:<news@shop.example>")).isEqualTo(busy.toString());
        assertThat(client.command("RCPT TO:<ann@example.net>")).startsWith("503");
    }
}

package io.outpost.api.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test kit as a plugin author uses it: the example of the package documentation, and what its checks catch. */
class PluginTesterTest {

    /** The example policy of the documentation: refuses recipients in the configured domain. */
    static final class NoCompetitors implements SubmissionPolicy {
        private volatile String domain;

        @Override
        public String name() {
            return "no-competitors";
        }

        @Override
        public Set<String> configKeys() {
            return Set.of("domains");
        }

        @Override
        public void init(PluginConfig config) throws PluginConfigException {
            domain = config.require("domains");
        }

        @Override
        public Set<PluginPhase> phases() {
            return Set.of(PluginPhase.RCPT);
        }

        @Override
        public Verdict check(PluginPhase phase, Submission submission) {
            return submission.recipient().orElseThrow().domain().name().equals(domain)
                    ? Verdict.reject("competitor", SmtpReply.of(550, "5.7.1", "We do not mail " + domain))
                    : Verdict.proceed();
        }
    }

    @Test
    void theDocumentedExampleRuns() throws Exception {
        SubmissionPolicy policy = PluginTester.started(new NoCompetitors(), Map.of("domains", "rival.example"));

        Verdict verdict = policy.check(
                PluginPhase.RCPT,
                FakeSubmission.smtp().recipient("ceo@rival.example").build());

        PluginTester.assertRefuses(verdict, PluginPhase.RCPT, "550 5.7.1 We do not mail rival.example");
        PluginTester.assertContinues(policy.check(
                PluginPhase.RCPT,
                FakeSubmission.smtp().recipient("ann@example.net").build()));
    }

    @Test
    void aSettingThePluginDoesNotDeclareFailsAsTheRelayWould() {
        assertThatThrownBy(() -> PluginTester.started(new NoCompetitors(), Map.of("domain", "typo.example")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("domain");
    }

    @Test
    void theAssertionsSayWhatWasExpected() {
        assertThatThrownBy(() -> PluginTester.assertContinues(Verdict.reject("no")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected CONTINUE");
        assertThatThrownBy(() -> PluginTester.assertRefuses(Verdict.reject("no"), PluginPhase.RCPT, "550 5.7.1 Other"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("550 5.7.1 Refused by policy");
        // The phase's default reply: at CONNECT a refusal is 554, at AUTH 535.
        PluginTester.assertRefuses(Verdict.reject("no"), PluginPhase.CONNECT, "554 5.7.1 Connection refused by policy");
        PluginTester.assertRefuses(
                Verdict.reject("no"), PluginPhase.AUTH, "535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void aFakeSubmissionHoldsWhatItWasGiven() {
        Submission submission = FakeSubmission.http()
                .from("2001:db8::7")
                .authenticatedAs("shop", "key-1")
                .sender("")
                .accepted("a@example.net")
                .recipient("b@example.net")
                .header("Subject", " Hello")
                .size(2048)
                .build();

        assertThat(submission.channel()).isEqualTo(Submission.Channel.HTTP);
        assertThat(submission.client().heloName()).isEmpty();
        assertThat(submission.client().address().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(submission.tenant().orElseThrow().value()).isEqualTo("shop");
        assertThat(submission.sender().orElseThrow().isNull()).isTrue();
        assertThat(submission.recipients()).hasSize(1);
        assertThat(submission.headers().orElseThrow().first("SUBJECT")).contains("Hello");
        assertThat(submission.size()).hasValue(2048);
        assertThatThrownBy(() -> FakeSubmission.smtp().from("host.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.outpost.relay.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.FakeSubmission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one pipeline of submission and suppression policies, with the relay's own rules placed among the others. */
class SubmissionPipelineTest {

    private static final Submission RCPT = FakeSubmission.smtp()
            .sender("news@shop.example")
            .recipient("ann@example.net")
            .build();

    private final ExecutorService calls =
            Executors.newCachedThreadPool(runnable -> new Thread(runnable, "plugin-pool"));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<PluginDecision> decisions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        calls.shutdownNow();
        assertThat(calls.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** An operator's policy from a jar, run on the plugin pool. */
    private SubmissionPolicy jar(String name, Function<Submission, Verdict> decide) {
        return new Policy(name, decide);
    }

    /** A policy asked at RCPT that notes on which thread it was asked. */
    private class Policy implements SubmissionPolicy {
        private final String name;
        private final Function<Submission, Verdict> decide;

        Policy(String name, Function<Submission, Verdict> decide) {
            this.name = name;
            this.decide = decide;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<PluginPhase> phases() {
            return Set.of(PluginPhase.RCPT);
        }

        @Override
        public Verdict check(PluginPhase phase, Submission submission) {
            asked.add(name + " on " + Thread.currentThread().getName());
            return decide.apply(submission);
        }
    }

    /** Built like one of the relay's own rules: inline (when the pipeline is told it is the relay's). */
    private class BuiltIn extends Policy implements InlinePlugin {
        BuiltIn(String name, Function<Submission, Verdict> decide) {
            super(name, decide);
        }
    }

    private final class Mandatory extends BuiltIn implements MandatoryRule {
        Mandatory(String name, Function<Submission, Verdict> decide) {
            super(name, decide);
        }
    }

    private SubmissionPipeline pipeline(Suppression suppression, SubmissionPolicy... policies) {
        List<SubmissionPolicy> builtIns =
                Stream.of(policies).filter(BuiltIn.class::isInstance).toList();
        return SubmissionPipeline.of(
                List.of(policies),
                builtIns,
                suppression,
                Duration.ofSeconds(5),
                calls,
                decisions::add,
                Clock.systemUTC());
    }

    @Test
    void theRelaysOwnRulesRunOnTheCallersThreadAndAJarsPoliciesOnThePool() {
        String caller = Thread.currentThread().getName();
        SubmissionPipeline pipeline = pipeline(
                Suppression.NONE,
                new BuiltIn("relay-control", s -> Verdict.proceed()),
                jar("mine", s -> Verdict.proceed()));

        assertThat(pipeline.refusal(PluginPhase.RCPT, () -> RCPT)).isEmpty();

        assertThat(asked).containsExactly("relay-control on " + caller, "mine on plugin-pool");
        assertThat(decisions).extracting(PluginDecision::plugin).containsExactly("relay-control", "mine");
    }

    @Test
    void aRefusalNamesTheRuleThatGaveItWithItsOwnReply() {
        SmtpReply own = SmtpReply.of(554, "5.7.1", "Relay access denied");
        SubmissionPipeline pipeline = pipeline(
                Suppression.NONE,
                jar("mine", s -> Verdict.proceed()),
                new BuiltIn("relay-control", s -> Verdict.reject("relay denied", own)));

        PolicyRefusal refusal = pipeline.refusal(PluginPhase.RCPT, () -> RCPT).orElseThrow();

        assertThat(refusal.plugin()).isEqualTo("relay-control");
        assertThat(refusal.reply()).isEqualTo(own);
        assertThat(refusal.describe()).isEqualTo("rejected at RCPT by relay-control: 554 5.7.1 Relay access denied");
        assertThat(refusal.explain()).endsWith(" (relay denied)");
    }

    @Test
    void anAcceptSkipsTheOptionalRulesButAMandatoryRuleStillRefuses() {
        SubmissionPipeline pipeline = pipeline(
                Suppression.NONE,
                jar("allow-list", s -> Verdict.accept("our partner")),
                new BuiltIn("dkim-readiness", s -> Verdict.reject("would refuse")),
                new Mandatory("relay-control", s -> Verdict.reject("relay denied")));

        PolicyRefusal refusal = pipeline.refusal(PluginPhase.RCPT, () -> RCPT).orElseThrow();

        assertThat(refusal.plugin()).isEqualTo("relay-control");
        assertThat(asked)
                .extracting(a -> a.substring(0, a.indexOf(' ')))
                .containsExactly("allow-list", "relay-control");
    }

    @Test
    void anAcceptThatNoMandatoryRuleOverrulesLetsTheRecipientThrough() {
        SubmissionPipeline pipeline = pipeline(
                Suppression.NONE,
                new Mandatory("relay-control", s -> Verdict.proceed()),
                jar("allow-list", s -> Verdict.accept("our partner")),
                new BuiltIn("dkim-readiness", s -> Verdict.reject("would refuse")));

        assertThat(pipeline.refusal(PluginPhase.RCPT, () -> RCPT)).isEmpty();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aBuiltInRuleThatThrowsFailsClosedWithThePhasesDefault() {
        SubmissionPipeline pipeline = pipeline(Suppression.NONE, new BuiltIn("sending-limits", s -> {
            throw new IllegalStateException("limits unreadable (test)");
        }));

        PolicyRefusal refusal = pipeline.refusal(PluginPhase.RCPT, () -> RCPT).orElseThrow();

        assertThat(refusal.temporary()).isTrue();
        assertThat(refusal.reply())
                .isEqualTo(PluginPhase.RCPT.defaultReply(Verdict.Kind.DEFER).orElseThrow());
        assertThat(refusal.verdict().reason()).contains("threw IllegalStateException");
    }

    @Test
    void suppressionIsAskedAtRcptOnlyAfterTheRulesLetTheRecipientThrough() {
        List<String> suppressionAsked = new CopyOnWriteArrayList<>();
        SuppressionPolicy list = new SuppressionPolicy() {
            @Override
            public String name() {
                return "do-not-mail";
            }

            @Override
            public Verdict check(SuppressionQuery query) {
                suppressionAsked.add(query.recipient().toString());
                return Verdict.reject("listed");
            }
        };
        Suppression suppression = new Suppression(
                PluginChain.suppression(
                        PluginPhase.RCPT,
                        List.of(list),
                        Duration.ofSeconds(5),
                        calls,
                        d -> {},
                        Clock.systemUTC(),
                        p -> false),
                PluginChain.suppression(
                        PluginPhase.PRE_DELIVERY,
                        List.of(list),
                        Duration.ofSeconds(5),
                        calls,
                        d -> {},
                        Clock.systemUTC(),
                        p -> false));
        SubmissionPipeline refusing =
                pipeline(suppression, new BuiltIn("relay-control", s -> Verdict.reject("relay denied")));
        SubmissionPipeline letting = pipeline(suppression, new BuiltIn("relay-control", s -> Verdict.proceed()));

        assertThat(refusing.refusal(PluginPhase.RCPT, () -> RCPT).orElseThrow().plugin())
                .isEqualTo("relay-control");
        assertThat(suppressionAsked).isEmpty();
        Optional<PolicyRefusal> suppressed = letting.refusal(PluginPhase.RCPT, () -> RCPT);
        assertThat(suppressed.orElseThrow().plugin()).isEqualTo("do-not-mail");
        assertThat(suppressionAsked).containsExactly("ann@example.net");
    }

    @Test
    void aJarCannotClaimToBeTheRelaysOwnToEscapeThePoolOrTheAcceptRule() {
        String caller = Thread.currentThread().getName();
        // Built like the relay's own, but not among its instances: run on the pool, and skipped after an ACCEPT.
        SubmissionPipeline pipeline = SubmissionPipeline.of(
                List.of(
                        new Mandatory("pretender", s -> Verdict.proceed()),
                        jar("allow-list", s -> Verdict.accept("ok")),
                        new Mandatory("late-pretender", s -> Verdict.reject("no"))),
                List.of(),
                Suppression.NONE,
                Duration.ofSeconds(5),
                calls,
                decisions::add,
                Clock.systemUTC());

        assertThat(pipeline.refusal(PluginPhase.RCPT, () -> RCPT)).isEmpty();
        assertThat(asked).containsExactly("pretender on plugin-pool", "allow-list on plugin-pool");
        assertThat(asked).noneMatch(a -> a.endsWith(caller));
        assertThat(pipeline.controlsRelay()).isFalse();
    }
}

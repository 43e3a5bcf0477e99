package io.outpost.relay.testing;

import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.relay.plugin.SubmissionPipeline;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.rules.LoopDetection;
import io.outpost.relay.rules.RelayControl;
import io.outpost.relay.rules.SenderBinding;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.rules.SendingLimitsRule;
import io.outpost.relay.rules.Submitters;
import io.outpost.relay.smtp.RelayPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Submission pipelines for tests of the SMTP session: the relay's required rules as production orders them (relay
 * control, sender binding, loop detection), the policies a test adds, the sending limits, then the suppression policies.
 */
public final class TestPipelines {

    // Plugins from jars run here; the relay's own rules run on the session's thread.
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-plugin-call");
        thread.setDaemon(true);
        return thread;
    });

    private TestPipelines() {}

    /** Relay control over {@code relay}, every sender allowed, no limits, no other policy. */
    public static SubmissionPipeline rules(RelayPolicy relay) {
        return of(relay, SenderPolicy.ALLOW_ALL, SendingLimits.UNLIMITED, List.of(), Suppression.NONE, decision -> {});
    }

    /** Relay control over {@code relay}, every sender allowed, no limits, then {@code extra}. */
    public static SubmissionPipeline rules(RelayPolicy relay, List<SubmissionPolicy> extra) {
        return of(relay, SenderPolicy.ALLOW_ALL, SendingLimits.UNLIMITED, extra, Suppression.NONE, decision -> {});
    }

    public static SubmissionPipeline of(
            RelayPolicy relay,
            SenderPolicy senders,
            SendingLimits limits,
            List<SubmissionPolicy> extra,
            Suppression suppression,
            Consumer<PluginDecision> decisions) {
        Submitters submitters = new Submitters(relay);
        List<SubmissionPolicy> rules = List.of(
                new RelayControl(relay, ReturnPathAddresses.NONE),
                new SenderBinding(submitters, senders, senders),
                new LoopDetection(),
                new SendingLimitsRule(submitters, limits, limits));
        List<SubmissionPolicy> policies = new ArrayList<>(rules.subList(0, 3));
        policies.addAll(extra);
        policies.add(rules.get(3));
        return SubmissionPipeline.of(
                policies, rules, suppression, Duration.ofSeconds(5), CALLS, decisions, Clock.systemUTC());
    }
}

package io.outpost.relay.plugin;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The operator's submission policies, one chain per phase they take part in (CONNECT, HELO, MAIL, RCPT, MESSAGE), asked
 * alike by the SMTP session and the HTTP API. A refusal is answered with the policy's own reply as it gave it, or the
 * phase's default ({@link PluginPhase#defaultReply}); a policy that fails counts as DEFER with that default.
 */
public final class SubmissionPolicies {

    /** The phases a submission policy can take part in. */
    public static final Set<PluginPhase> PHASES =
            Set.of(PluginPhase.CONNECT, PluginPhase.HELO, PluginPhase.MAIL, PluginPhase.RCPT, PluginPhase.MESSAGE);

    /** No policies: every phase continues. */
    public static final SubmissionPolicies NONE = new SubmissionPolicies(Map.of());

    private final Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains;

    private SubmissionPolicies(Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains) {
        this.chains = Map.copyOf(chains);
    }

    /** A chain per phase of the policies that take part in it, in the operator's order. */
    public static SubmissionPolicies of(
            List<SubmissionPolicy> policies,
            Duration timeLimit,
            ExecutorService calls,
            Consumer<PluginDecision> sink,
            Clock clock) {
        Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains = new EnumMap<>(PluginPhase.class);
        for (PluginPhase phase : PHASES) {
            List<SubmissionPolicy> taking =
                    policies.stream().filter(p -> p.phases().contains(phase)).toList();
            if (!taking.isEmpty()) {
                chains.put(phase, new PluginChain<>(phase, taking, timeLimit, calls, v -> v, v -> v, sink, clock));
            }
        }
        return new SubmissionPolicies(chains);
    }

    /** The policies asked at {@code phase}, in order. */
    public List<SubmissionPolicy> at(PluginPhase phase) {
        return Optional.ofNullable(chains.get(phase)).map(PluginChain::plugins).orElse(List.of());
    }

    /**
     * The reply refusing the submission at {@code phase}, if a policy refused it. The view is made only when some
     * policy takes part in the phase: by default none does, and RCPT comes once per recipient.
     */
    public Optional<SmtpReply> refusal(PluginPhase phase, Supplier<Submission> submission) {
        PluginChain<SubmissionPolicy, Verdict> chain = chains.get(phase);
        if (chain == null) {
            return Optional.empty();
        }
        Submission view = submission.get();
        Verdict verdict = chain.run(policy -> policy.check(phase, view));
        return switch (verdict.kind()) {
            case REJECT, DEFER -> verdict.effectiveReply(phase);
            case CONTINUE, ACCEPT -> Optional.empty();
        };
    }
}

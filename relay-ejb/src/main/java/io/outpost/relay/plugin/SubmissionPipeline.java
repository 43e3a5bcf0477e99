package io.outpost.relay.plugin;

import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one pipeline every submission passes, over SMTP and the HTTP API alike: at each phase (CONNECT, HELO, MAIL, RCPT,
 * MESSAGE) the submission policies that take part in it, the relay's own rules among them ({@code relay-control},
 * {@code sender-binding} and the others, see {@code io.outpost.relay.rules}) in the operator's order; at RCPT, once
 * they let a recipient through, the suppression policies. The first verdict that is not CONTINUE decides: a refusal is
 * answered with the plugin's own reply as it gave it, or the phase's default ({@link PluginPhase#defaultReply}); a
 * plugin that fails counts as DEFER with that default.
 */
public final class SubmissionPipeline {

    /** The phases a submission policy can take part in. */
    public static final Set<PluginPhase> PHASES =
            Set.of(PluginPhase.CONNECT, PluginPhase.HELO, PluginPhase.MAIL, PluginPhase.RCPT, PluginPhase.MESSAGE);

    /** No policies: every phase continues. Only for tests of other parts: a relay always runs its own rules. */
    public static final SubmissionPipeline NONE = new SubmissionPipeline(Map.of(), Suppression.NONE);

    private final Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains;
    private final Suppression suppression;

    private SubmissionPipeline(
            Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains, Suppression suppression) {
        this.chains = Map.copyOf(chains);
        this.suppression = suppression;
    }

    /**
     * A chain per phase of the policies that take part in it, in the operator's order, then {@code suppression}.
     *
     * @param builtIns the relay's own rule instances among {@code policies}: only they run inline and may be mandatory
     */
    public static SubmissionPipeline of(
            List<SubmissionPolicy> policies,
            Collection<? extends SubmissionPolicy> builtIns,
            Suppression suppression,
            Duration timeLimit,
            ExecutorService calls,
            Consumer<PluginDecision> sink,
            Clock clock) {
        Set<SubmissionPolicy> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(builtIns);
        Map<PluginPhase, PluginChain<SubmissionPolicy, Verdict>> chains = new EnumMap<>(PluginPhase.class);
        for (PluginPhase phase : PHASES) {
            List<SubmissionPolicy> taking =
                    policies.stream().filter(p -> p.phases().contains(phase)).toList();
            if (!taking.isEmpty()) {
                chains.put(
                        phase,
                        new PluginChain<>(phase, taking, timeLimit, calls, v -> v, v -> v, sink, clock, own::contains));
            }
        }
        return new SubmissionPipeline(chains, suppression);
    }

    /**
     * True if a mandatory rule of the relay decides at RCPT (relay control): without one, every recipient would be
     * accepted, so an SMTP server refuses to start without it.
     */
    public boolean controlsRelay() {
        PluginChain<SubmissionPolicy, Verdict> chain = chains.get(PluginPhase.RCPT);
        return chain != null && chain.plugins().stream().anyMatch(chain::isMandatory);
    }

    /** The submission policies asked at {@code phase}, in order (at RCPT, the suppression policies come after). */
    public List<SubmissionPolicy> at(PluginPhase phase) {
        return Optional.ofNullable(chains.get(phase)).map(PluginChain::plugins).orElse(List.of());
    }

    /**
     * The refusal of the submission at {@code phase}, if a policy refused it. The view is made only when some policy
     * takes part in the phase.
     */
    public Optional<PolicyRefusal> refusal(PluginPhase phase, Supplier<Submission> submission) {
        PluginChain<SubmissionPolicy, Verdict> chain = chains.get(phase);
        Submission view = null;
        if (chain != null) {
            view = submission.get();
            Submission asked = view;
            Optional<PolicyRefusal> refused =
                    PolicyRefusal.of(phase, chain.decide(policy -> policy.check(phase, asked)));
            if (refused.isPresent() || phase != PluginPhase.RCPT) {
                return refused;
            }
        }
        if (phase != PluginPhase.RCPT || suppression.policies().isEmpty()) {
            return Optional.empty();
        }
        Submission asked = view != null ? view : submission.get();
        // After the relay's rules: a client that may not relay must not learn whom the lists suppress.
        return PolicyRefusal.of(
                phase,
                suppression.decide(() -> new SuppressionQuery(
                        PluginPhase.RCPT,
                        asked.tenant(),
                        asked.sender().orElseThrow(),
                        asked.recipient().orElseThrow(),
                        asked.stream())));
    }
}

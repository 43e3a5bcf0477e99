package io.outpost.relay.plugin;

import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's suppression policies, asked at the two phases a recipient passes (see {@link SuppressionPolicy}):
 * when it is given and before each delivery attempt. With none enabled, nothing is asked and nothing is suppressed.
 */
public final class Suppression {

    /** No policies: every recipient continues. */
    public static final Suppression NONE = new Suppression(null, null);

    private final PluginChain<SuppressionPolicy, Verdict> atRecipient;
    private final PluginChain<SuppressionPolicy, Verdict> beforeDelivery;

    /** The same policies, in one chain recorded as phase RCPT and one recorded as PRE_DELIVERY. */
    public Suppression(
            PluginChain<SuppressionPolicy, Verdict> atRecipient,
            PluginChain<SuppressionPolicy, Verdict> beforeDelivery) {
        this.atRecipient = atRecipient;
        this.beforeDelivery = beforeDelivery;
    }

    /** The policies, in the order they are asked; empty when none are enabled. */
    public List<SuppressionPolicy> policies() {
        return atRecipient == null ? List.of() : atRecipient.plugins();
    }

    /**
     * The first verdict of the policies that is not CONTINUE (DEFER if one failed), or CONTINUE. The query is made only
     * when some policy is enabled: it is asked for every recipient, and by default none is.
     */
    public Verdict check(Supplier<SuppressionQuery> asked) {
        return decide(asked).result();
    }

    /** As {@link #check}, naming the policy whose verdict decided. */
    public PluginChain.Decision<Verdict> decide(Supplier<SuppressionQuery> asked) {
        if (policies().isEmpty()) {
            return new PluginChain.Decision<>(Verdict.proceed(), Optional.empty());
        }
        SuppressionQuery query = asked.get();
        PluginChain<SuppressionPolicy, Verdict> chain =
                query.phase() == PluginPhase.PRE_DELIVERY ? beforeDelivery : atRecipient;
        return chain.decide(policy -> policy.check(query));
    }
}

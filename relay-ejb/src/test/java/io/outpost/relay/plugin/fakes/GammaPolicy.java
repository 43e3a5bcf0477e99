package io.outpost.relay.plugin.fakes;

import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;

/** A bundled suppression policy. */
public class GammaPolicy implements SuppressionPolicy {

    @Override
    public String name() {
        return "gamma";
    }

    @Override
    public Verdict check(SuppressionQuery query) {
        return Verdict.proceed();
    }
}

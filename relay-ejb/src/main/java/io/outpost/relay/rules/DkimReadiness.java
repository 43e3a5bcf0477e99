package io.outpost.relay.rules;

import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.plugin.InlinePlugin;
import io.outpost.relay.sending.OutboundAuthentication;
import java.util.Set;

/**
 * {@code dkim-readiness}, at MESSAGE: a submission whose From: is a sending domain is refused while the domain's DKIM
 * records have not verified ({@link OutboundAuthentication#unreadyDkim}: 451 4.7.26 until DNS has been checked, then
 * 550 5.7.26), so nothing leaves signed with a key no receiver can verify. With {@code outpost.domains.require-dkim}
 * false it lets such mail through, signed, as leaving the rule out of the list would.
 */
public final class DkimReadiness implements SubmissionPolicy, InlinePlugin {

    public static final String NAME = "dkim-readiness";

    private final OutboundAuthentication authentication;
    private final Submitters submitters;
    private final boolean required;

    public DkimReadiness(OutboundAuthentication authentication, Submitters submitters, boolean required) {
        this.authentication = authentication;
        this.submitters = submitters;
        this.required = required;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PluginPhase> phases() {
        return Set.of(PluginPhase.MESSAGE);
    }

    @Override
    public Verdict check(PluginPhase phase, Submission submission) {
        if (!required || !submitters.submits(submission)) {
            return Verdict.proceed();
        }
        return Refusals.verdict(authentication.unreadyDkim(
                submission.tenant(), HeaderFrom.domains(submission.headers().orElseThrow())));
    }
}

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
 * {@code dmarc-alignment}, at MESSAGE: a submission from a sending domain that would fail DMARC alignment as Outpost
 * would send it (RFC 7489 §3.1: neither its DKIM signature nor its return path aligned with From:) is refused with 550
 * 5.7.26 ({@link OutboundAuthentication#misalignment}). With {@code outpost.domains.alignment=warn} it lets such mail
 * through; the message's authentication note records the misalignment either way.
 */
public final class DmarcAlignment implements SubmissionPolicy, InlinePlugin {

    public static final String NAME = "dmarc-alignment";

    private final OutboundAuthentication authentication;
    private final Submitters submitters;
    private final boolean refuse;

    public DmarcAlignment(OutboundAuthentication authentication, Submitters submitters, boolean refuse) {
        this.authentication = authentication;
        this.submitters = submitters;
        this.refuse = refuse;
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
        if (!refuse || !submitters.submits(submission)) {
            return Verdict.proceed();
        }
        return Refusals.verdict(authentication.misalignment(
                submission.tenant(),
                submission.sender().orElseThrow(),
                HeaderFrom.domains(submission.headers().orElseThrow())));
    }
}

package io.outpost.relay.rules;

import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sending-limits}, at MESSAGE: a tenant's message counts against the limits of the credential it was sent with
 * ({@link SendingLimits}), SMTP credentials and API keys each with their own; a credential revoked since its session
 * logged in is refused here too. Last of the built-in rules by default, so a message the other rules refuse does not use
 * up the hour's count. Mandatory: an operator's allow-list must not lift a customer's quota.
 */
public final class SendingLimitsRule implements SubmissionPolicy, MandatoryRule {

    public static final String NAME = "sending-limits";

    private final Submitters submitters;
    private final SendingLimits smtp;
    private final SendingLimits http;

    public SendingLimitsRule(Submitters submitters, SendingLimits smtp, SendingLimits http) {
        this.submitters = submitters;
        this.smtp = smtp;
        this.http = http;
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
        Optional<Identity> identity = submitters.identityOf(submission);
        if (identity.isEmpty()) {
            return Verdict.proceed();
        }
        SendingLimits limits = submission.channel() == Submission.Channel.SMTP ? smtp : http;
        return Refusals.verdict(
                limits.checkMessage(identity.get(), submission.recipients().size()),
                "sending limit of " + identity.get().username());
    }
}

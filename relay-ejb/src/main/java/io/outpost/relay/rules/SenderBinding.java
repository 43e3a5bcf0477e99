package io.outpost.relay.rules;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sender-binding}, at MAIL and MESSAGE: a tenant's submission may use as envelope sender and in From: only its
 * own sending domains ({@link SenderPolicy}), so one customer cannot send as another. Mail that is no tenant's (to a
 * local domain, from the operator's own hosts) is not bound. SMTP and HTTP have a policy each: an SMTP session may
 * have outlived its credential's revocation, an HTTP request is authenticated anew.
 */
public final class SenderBinding implements SubmissionPolicy, MandatoryRule {

    public static final String NAME = "sender-binding";

    private final Submitters submitters;
    private final SenderPolicy smtp;
    private final SenderPolicy http;

    public SenderBinding(Submitters submitters, SenderPolicy smtp, SenderPolicy http) {
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
        return Set.of(PluginPhase.MAIL, PluginPhase.MESSAGE);
    }

    @Override
    public Verdict check(PluginPhase phase, Submission submission) {
        Optional<Identity> identity = submitters.identityOf(submission);
        if (identity.isEmpty()) {
            return Verdict.proceed();
        }
        SenderPolicy policy = submission.channel() == Submission.Channel.SMTP ? smtp : http;
        Optional<SmtpReply> refusal = phase == PluginPhase.MAIL
                ? policy.checkSender(identity.get(), submission.sender().orElseThrow())
                : policy.checkHeaderFrom(identity.get(), submission.headers().orElseThrow());
        return Refusals.verdict(
                refusal,
                (phase == PluginPhase.MAIL ? "envelope sender" : "From:") + " not allowed for "
                        + identity.get().tenant());
    }
}

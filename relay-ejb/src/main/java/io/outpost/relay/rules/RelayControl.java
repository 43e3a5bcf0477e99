package io.outpost.relay.rules;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.smtp.RelayPolicy;
import java.util.Set;

/**
 * {@code relay-control}, at RCPT: a recipient outside the local domains is accepted only from a client that
 * authenticated (RFC 6409 §4.3, RFC 4954 §1) or is on a trusted network, so Outpost is never an open relay (RFC 5321
 * §3.6.2, RFC 2505). The server's own postmaster is reachable by anyone and never asked about (RFC 5321 §4.5.1).
 */
public final class RelayControl implements SubmissionPolicy, MandatoryRule {

    public static final String NAME = "relay-control";

    static final SmtpReply DENIED = SmtpReply.of(
            554, "5.7.1", "Relay access denied: authenticate or send from a trusted network, or mail a local domain");

    private final RelayPolicy relay;

    public RelayControl(RelayPolicy relay) {
        this.relay = relay;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PluginPhase> phases() {
        return Set.of(PluginPhase.RCPT);
    }

    @Override
    public Verdict check(PluginPhase phase, Submission submission) {
        EmailAddress recipient = submission.recipient().orElseThrow();
        if (submission.principal().isPresent()
                || relay.mayRelayTo(submission.client().address(), recipient)) {
            return Verdict.proceed();
        }
        return Verdict.reject(
                "relay denied for " + submission.client().address().getHostAddress() + " to " + recipient.domain(),
                DENIED);
    }
}

package io.outpost.relay.rules;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.returns.ReturnPathMatch;
import io.outpost.relay.smtp.RelayPolicy;
import java.util.List;
import java.util.Set;

/**
 * {@code relay-control}, at RCPT: a recipient outside the local domains is accepted only from a client that
 * authenticated (RFC 6409 §4.3, RFC 4954 §1) or is on a trusted network, so Outpost is never an open relay (RFC 5321
 * §3.6.2, RFC 2505). The server's own postmaster is reachable by anyone and never asked about (RFC 5321 §4.5.1). Anyone
 * may also send to the return path of a recipient of a queued message (its bounces and complaints come back there);
 * any other address at a return-path domain is refused as unknown.
 */
public final class RelayControl implements SubmissionPolicy, MandatoryRule {

    public static final String NAME = "relay-control";

    static final SmtpReply DENIED = SmtpReply.of(
            554, "5.7.1", "Relay access denied: authenticate or send from a trusted network, or mail a local domain");

    // RFC 5321 §4.5.3.1.10: the client sends the rest in another transaction.
    static final SmtpReply ONE_KIND_PER_TRANSACTION =
            SmtpReply.of(452, "4.5.3", "Return paths and other recipients go in separate transactions");
    static final SmtpReply NO_SUCH_RETURN_PATH = SmtpReply.of(550, "5.1.1", "No such return path");

    private final RelayPolicy relay;
    private final ReturnPathAddresses returnPaths;

    public RelayControl(RelayPolicy relay, ReturnPathAddresses returnPaths) {
        this.relay = relay;
        this.returnPaths = returnPaths;
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
                || relay.isTrusted(submission.client().address())) {
            return Verdict.proceed();
        }
        ReturnPathMatch returnPath = returnPaths.match(recipient);
        if (returnPath instanceof ReturnPathMatch.Unknown) {
            return Verdict.reject("no return path of a queued message: " + recipient, NO_SUCH_RETURN_PATH);
        }
        // Mail to a return path is read, not delivered: one transaction is one or the other. The recipients accepted so
        // far are all of one kind, so the first tells which.
        boolean toReturnPath =
                returnPath instanceof ReturnPathMatch.Known || returnPath instanceof ReturnPathMatch.Unsubscribe;
        List<EmailAddress> earlier = submission.recipients();
        if (!earlier.isEmpty() && returnPaths.isReadHere(earlier.get(0)) != toReturnPath) {
            return Verdict.defer("return paths mixed with other recipients", ONE_KIND_PER_TRANSACTION);
        }
        if (toReturnPath || relay.mayRelayTo(submission.client().address(), recipient)) {
            return Verdict.proceed();
        }
        return Verdict.reject(
                "relay denied for " + submission.client().address().getHostAddress() + " to " + recipient.domain(),
                DENIED);
    }
}

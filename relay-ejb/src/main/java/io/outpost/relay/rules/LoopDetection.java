package io.outpost.relay.rules;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.MandatoryRule;
import java.util.Set;

/**
 * {@code loop-detection}, at MESSAGE: RFC 5321 §6.3 — counting Received fields is the loop detection every relay must
 * have; the RFC asks for a limit of at least 100 so that long legitimate paths still pass. Counted before Outpost adds
 * its own.
 */
public final class LoopDetection implements SubmissionPolicy, MandatoryRule {

    public static final String NAME = "loop-detection";

    static final int MAX_RECEIVED_FIELDS = 100;

    // RFC 3463 §3.5 X.4.6: routing loop detected.
    static final SmtpReply LOOP =
            SmtpReply.of(554, "5.4.6", "Too many Received header fields: mail loop detected, message refused");

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
        int received = submission.headers().orElseThrow().all("Received").size();
        return received >= MAX_RECEIVED_FIELDS
                ? Verdict.reject(received + " Received fields", LOOP)
                : Verdict.proceed();
    }
}

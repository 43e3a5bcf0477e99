package io.outpost.relay.rules;

import io.outpost.api.plugin.Submission;
import io.outpost.relay.smtp.RelayPolicy;

/**
 * Tells a submission (RFC 6409: from a client that authenticated or is on a trusted network, which Outpost signs and
 * sends on) from mail arriving for a local domain, which it neither signs nor holds to a sending domain's state.
 */
public final class Submitters {

    private final RelayPolicy relay;

    public Submitters(RelayPolicy relay) {
        this.relay = relay;
    }

    boolean submits(Submission submission) {
        return submission.principal().isPresent()
                || submission.tenant().isPresent()
                || relay.isTrusted(submission.client().address());
    }
}

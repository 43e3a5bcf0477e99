package io.outpost.relay.rules;

import io.outpost.api.plugin.Submission;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells a submission (RFC 6409: from a client that authenticated or is on a trusted network, which Outpost signs and
 * sends on) from mail arriving for a local domain, which it neither signs nor holds to a sending domain's state; and
 * names whom a tenant's submission is sent as.
 */
public final class Submitters {

    private final RelayPolicy relay;

    public Submitters(RelayPolicy relay) {
        this.relay = relay;
    }

    /**
     * Whom the sender binding and the sending limits apply to: the credential (SMTP user or API key) and its tenant,
     * or the network trusted on a tenant's behalf ({@link RelayPolicy#networkIdentity}, the name its story shows); empty
     * for mail that is no tenant's (to a local domain, or from the operator's own hosts).
     */
    Optional<Identity> identityOf(Submission submission) {
        if (submission.tenant().isEmpty()) {
            return Optional.empty();
        }
        TenantId tenant = submission.tenant().get();
        InetAddress client = submission.client().address();
        return Optional.of(submission
                .principal()
                .map(principal -> new Identity(tenant, principal.credential().value()))
                .or(() -> relay.networkIdentity(client)
                        .filter(network -> network.tenant().equals(tenant)))
                .orElseGet(() -> new Identity(tenant, "network " + client.getHostAddress())));
    }

    boolean submits(Submission submission) {
        return submission.principal().isPresent()
                || submission.tenant().isPresent()
                || relay.isTrusted(submission.client().address());
    }
}

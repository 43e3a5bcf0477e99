package io.outpost.relay.rules;

import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.Submission;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;

/** Whom a submission's sender binding and sending limits apply to. */
final class SendingIdentity {

    /**
     * The name a client of a network trusted on behalf of a tenant sends as: no credential is named so (a space is not
     * allowed in one), so such a client has no stored limits and cannot be revoked.
     */
    static final String TRUSTED_NETWORK = "trusted network";

    private SendingIdentity() {}

    /**
     * The credential (SMTP user or API key) and its tenant; the tenant of a trusted network without one; empty for mail
     * that is no tenant's (to a local domain, or from the operator's own hosts).
     */
    static Optional<Identity> of(Submission submission) {
        return submission
                .tenant()
                .map(tenant -> new Identity(
                        tenant,
                        submission
                                .principal()
                                .map(AuthenticatedPrincipal::credential)
                                .map(credential -> credential.value())
                                .orElse(TRUSTED_NETWORK)));
    }
}

package io.outpost.relay.tenant;

import io.outpost.api.tenant.TenantId;

/** An active SMTP credential as AUTH and the sending limits need it: owner, name, hash and limits. */
public record StoredCredential(TenantId tenant, String username, String passwordHash, CredentialLimits limits) {

    @Override
    public String toString() {
        return "StoredCredential[" + tenant + ", " + username + ", " + limits + "]";
    }
}

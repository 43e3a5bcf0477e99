package io.outpost.relay.smtp.auth;

import io.outpost.api.tenant.TenantId;
import java.util.Objects;

/**
 * Who an authenticated client is: the tenant that owns the credential, and the credential's user name as the {@link
 * Authenticator} knows it (or, for a trusted network, the network).
 */
public record Identity(TenantId tenant, String username) {

    public Identity {
        Objects.requireNonNull(tenant, "tenant");
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("identity needs a user name");
        }
    }
}

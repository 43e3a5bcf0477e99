package io.outpost.relay.smtp.auth;

/**
 * Who an authenticated client is: the tenant that owns the credential and the credential's user name, both opaque ids
 * chosen by the {@link Authenticator}.
 */
public record Identity(String tenantId, String username) {

    public Identity {
        if (tenantId == null || tenantId.isEmpty() || username == null || username.isEmpty()) {
            throw new IllegalArgumentException("identity needs a tenant id and a user name");
        }
    }
}

package io.outpost.relay.tenant;

/**
 * A CDI event fired by {@link TenantStore} in the transaction that revokes an SMTP credential ({@code username}) or an
 * API key ({@code keyId}), so that what this node keeps in memory forgets it once the revocation is committed.
 */
public sealed interface SecretRevoked {

    /** The SMTP credential {@code username} was revoked. */
    record Credential(String username) implements SecretRevoked {}

    /** The API key {@code keyId} was revoked. */
    record ApiKey(String keyId) implements SecretRevoked {}
}

package io.outpost.relay.account;

import java.time.Instant;

/**
 * An invitation to sign in: the user it made and the token that accepts it, shown once (only its hash is stored).
 */
public record Invitation(TenantUser user, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "Invitation[" + user.email() + ", until " + expiresAt + "]";
    }
}

package io.outpost.relay.account;

import java.time.Instant;

/**
 * A signed-in session: who, and the two tokens the browser holds.
 *
 * @param token the session cookie's value; only its hash is stored
 * @param csrf sent back in a header with every request that changes something (a cross-site form cannot read it)
 */
public record SignedIn(TenantUser user, String token, String csrf, Instant expiresAt) {

    @Override
    public String toString() {
        return "SignedIn[" + user.email() + ", until " + expiresAt + "]";
    }
}

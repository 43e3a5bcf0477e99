package io.outpost.relay.account;

import java.time.Instant;

/**
 * An administrator signed in to the web UI's operator pages: the admin account's name and the two tokens the browser
 * holds.
 *
 * @param token the session cookie's value; only its hash is stored
 * @param csrf sent back in a header with every request that changes something (a cross-site form cannot read it)
 */
public record OperatorSession(String admin, String token, String csrf, Instant expiresAt) {

    @Override
    public String toString() {
        return "OperatorSession[" + admin + ", until " + expiresAt + "]";
    }
}

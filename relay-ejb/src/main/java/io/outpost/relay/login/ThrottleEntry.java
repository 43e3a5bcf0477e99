package io.outpost.relay.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the {@link AuthThrottle} snapshot, for the admin API: whose failures are counted, how many, whether that
 * is blocked and until when, and for a name how long its next failure will be delayed.
 *
 * @param address the client address (an IPv6 /64), for {@link Kind#ADDRESS} and {@link Kind#ADDRESS_AND_NAME}
 * @param name the user name or key id, for {@link Kind#NAME} and {@link Kind#ADDRESS_AND_NAME}
 * @param nextDelay how long the name's next failure is answered late; zero for the other kinds
 */
public record ThrottleEntry(
        Kind kind,
        Optional<String> address,
        Optional<String> name,
        int failures,
        Optional<Instant> blockedUntil,
        Duration nextDelay) {

    /** What the row counts failures for. */
    public enum Kind {
        /** One client address, whatever names it tried: blocked at a limit. */
        ADDRESS,
        /** One client address trying one name: blocked at a lower limit. */
        ADDRESS_AND_NAME,
        /** One name, from any address: delayed, never blocked. */
        NAME
    }
}

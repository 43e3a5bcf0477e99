package io.outpost.relay.smtp;

import java.time.Duration;
import java.util.List;

/**
 * Totals that bound how long a client may hold a connection, whatever its pace: the per-read timeouts alone let a
 * client that sends one octet every few seconds keep a session thread for ever (slowloris). Past a limit the client
 * gets {@code 421 4.4.2} and the connection is closed (RFC 5321 §4.5.3.2).
 *
 * @param tlsHandshake the whole TLS handshake after STARTTLS or on the implicit-TLS port; past it the connection is
 *     closed without a reply, as plain text cannot be written into what the client takes for TLS
 * @param session the whole connection, from accept to close
 * @param commandLine one command line, from its first octet to its CRLF
 * @param dataTransfer one DATA transfer from the 354 to the final ".", or one BDAT chunk after its command line
 */
public record SessionTimeLimits(Duration tlsHandshake, Duration session, Duration commandLine, Duration dataTransfer) {

    /** 15 s handshake, 30 minutes per session, 1 minute per command line, 15 minutes per DATA or BDAT chunk. */
    public static final SessionTimeLimits DEFAULTS = new SessionTimeLimits(
            Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(15));

    public SessionTimeLimits {
        for (Duration limit : List.of(tlsHandshake, session, commandLine, dataTransfer)) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("session time limits must be positive durations");
            }
        }
    }
}

package io.outpost.relay.delivery;

import java.time.Duration;

/**
 * How {@link OutboundSmtp} talks to remote hosts.
 *
 * @param heloName the name this relay gives in EHLO (RFC 5321 §4.1.1.1), which should resolve back to its address
 * @param port the port remote mail hosts listen on: 25, or another in tests
 * @param connectTimeout how long to wait for a TCP connection and the greeting, and for a busy host's connection to
 *     be free when it already has its maximum open
 * @param commandTimeout how long to wait for any one reply (RFC 5321 §4.5.3.2 suggests minutes, not seconds)
 * @param maxConnectionsPerDestination open connections per host and port at most, busy or idle
 * @param idleTimeout how long an idle connection is kept for reuse before it is closed
 */
public record OutboundSettings(
        String heloName,
        int port,
        Duration connectTimeout,
        Duration commandTimeout,
        int maxConnectionsPerDestination,
        Duration idleTimeout) {

    public OutboundSettings {
        if (heloName == null || heloName.isBlank()) {
            throw new IllegalArgumentException("EHLO name is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxConnectionsPerDestination < 1) {
            throw new IllegalArgumentException("need at least one connection per destination");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(commandTimeout, "command timeout");
        requirePositive(idleTimeout, "idle timeout");
    }

    /** Port 25, 30 s to connect, 5 min per reply (RFC 5321 §4.5.3.2.2), 5 connections per host, 30 s idle. */
    public static OutboundSettings defaults(String heloName) {
        return new OutboundSettings(
                heloName, 25, Duration.ofSeconds(30), Duration.ofMinutes(5), 5, Duration.ofSeconds(30));
    }

    public OutboundSettings withPort(int newPort) {
        return new OutboundSettings(
                heloName, newPort, connectTimeout, commandTimeout, maxConnectionsPerDestination, idleTimeout);
    }

    public OutboundSettings withTimeouts(Duration connect, Duration command) {
        return new OutboundSettings(heloName, port, connect, command, maxConnectionsPerDestination, idleTimeout);
    }

    public OutboundSettings withMaxConnectionsPerDestination(int max) {
        return new OutboundSettings(heloName, port, connectTimeout, commandTimeout, max, idleTimeout);
    }

    public OutboundSettings withIdleTimeout(Duration idle) {
        return new OutboundSettings(heloName, port, connectTimeout, commandTimeout, maxConnectionsPerDestination, idle);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}

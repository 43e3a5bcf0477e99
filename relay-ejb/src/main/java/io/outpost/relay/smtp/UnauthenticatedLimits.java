package io.outpost.relay.smtp;

/**
 * Tighter limits for mail from clients that are neither authenticated nor in a trusted network: anyone may send to the
 * postmaster and the local domains, so what they may cost the server is kept small.
 *
 * @param maxMessageOctets the largest message such a client may send; EHLO still advertises the global SIZE, and
 *     {@code SIZE=} or data above this gets {@code 552 5.3.4}
 * @param messagesPerMinute messages (MAIL commands) one client IP address may start per minute; past it {@code 450
 *     4.7.1}
 */
public record UnauthenticatedLimits(long maxMessageOctets, int messagesPerMinute) {

    /** 10 MiB and 60 messages a minute per client address. */
    public static final UnauthenticatedLimits DEFAULTS = new UnauthenticatedLimits(10L * 1024 * 1024, 60);

    public UnauthenticatedLimits {
        if (maxMessageOctets <= 0 || messagesPerMinute <= 0) {
            throw new IllegalArgumentException("unauthenticated limits must be positive");
        }
    }
}

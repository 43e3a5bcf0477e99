package io.outpost.relay.audience;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Where a request came from, as a proof keeps it: the client's address and its user agent, cut to {@link #MAX_AGENT}
 * characters (the rest says nothing more).
 */
public record Origin(Optional<InetAddress> address, Optional<String> userAgent) {

    public static final int MAX_AGENT = 300;

    public Origin {
        userAgent = userAgent.map(agent -> agent.length() <= MAX_AGENT ? agent : agent.substring(0, MAX_AGENT));
    }

    /** Nothing known of it. */
    public static Origin unknown() {
        return new Origin(Optional.empty(), Optional.empty());
    }
}

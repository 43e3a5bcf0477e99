package io.outpost.api.plugin;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One attempt to log in: the user name and secret a client presented, where it came from, and whether the connection
 * was encrypted. For SMTP AUTH (RFC 4954) the username and password of the SASL mechanism; for the HTTP API the API
 * key's name and the key.
 *
 * @param username as the client sent it, not yet known to exist
 * @param password never printed: see {@link Secret}
 * @param client the client's IP address
 * @param tls whether the connection was protected by TLS when the attempt was made
 * @param protocol how the attempt arrived
 */
public record AuthenticationAttempt(
        String username, Secret password, InetAddress client, boolean tls, Protocol protocol) {

    /** How an attempt arrived. */
    public enum Protocol {
        /** SMTP AUTH on the submission or relay port. */
        SMTP,
        /** An API key on the HTTP API. */
        HTTP
    }

    public AuthenticationAttempt {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(protocol, "protocol");
    }
}

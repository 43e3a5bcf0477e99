package io.outpost.api.plugin;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The client a submission comes from, as far as it is known at the phase asked.
 *
 * @param address the client's IP address
 * @param reverseName the name its address resolves back to, if the relay looked it up and it did (SMTP)
 * @param heloName the name it gave in HELO or EHLO; empty before that, and over HTTP
 * @param tls the TLS protocol and cipher suite of the connection; empty for a plain one
 */
public record ClientConnection(
        InetAddress address, Optional<String> reverseName, Optional<String> heloName, Optional<Tls> tls) {

    /** A TLS connection's protocol (e.g. {@code TLSv1.3}) and cipher suite. */
    public record Tls(String protocol, String cipherSuite) {
        public Tls {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
        }
    }

    public ClientConnection {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reverseName, "reverseName");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tls, "tls");
    }
}

package io.outpost.web.messages;

import io.outpost.api.plugin.ClientConnection;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Where a sending request came from, as the submission pipeline is shown it. */
final class CallerConnection {

    private CallerConnection() {}

    /** The client's address: a literal from the container, so no DNS lookup happens here. */
    static InetAddress address(HttpServletRequest request) throws UnknownHostException {
        return InetAddress.getByName(request.getRemoteAddr());
    }

    // The servlet container names an HTTPS request's cipher suite (the Servlet spec's SSL attributes), not its
    // protocol.
    static Optional<ClientConnection.Tls> tls(HttpServletRequest request) {
        if (!request.isSecure()) {
            return Optional.empty();
        }
        Object cipher = request.getAttribute("jakarta.servlet.request.cipher_suite");
        return Optional.of(new ClientConnection.Tls("TLS", cipher == null ? "unknown" : cipher.toString()));
    }
}

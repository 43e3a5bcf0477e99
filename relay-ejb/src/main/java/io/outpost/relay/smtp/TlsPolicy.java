package io.outpost.relay.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The TLS versions and cipher suites the listener offers, applied to every server-side TLS socket whatever the JDK's
 * defaults are, so a permissive {@code java.security} cannot weaken the listener.
 */
final class TlsPolicy {

    // RFC 8996 deprecates TLS 1.0 and 1.1; RFC 9325 §3.1.1 (which replaces RFC 7525) requires TLS 1.2 and recommends
    // TLS 1.3.
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    // RFC 9325 §4.2: for TLS 1.2 only ECDHE key exchange (forward secrecy, §4.1) with AEAD ciphers; ChaCha20-Poly1305
    // from RFC 7905 for hosts without AES hardware. The TLS 1.3 suites are all AEAD (RFC 8446 §9.1). Strongest first.
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {}

    /** A server-mode TLS socket layered over an accepted connection; closing it closes the connection. */
    static SSLSocket serverSocketOver(SSLContext context, Socket connection) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(connection, connection.getInetAddress().getHostAddress(), connection.getPort(), true);
        tls.setUseClientMode(false);
        apply(tls);
        return tls;
    }

    /** Restricts the socket to {@link #PROTOCOLS} and {@link #CIPHER_SUITES}, in the server's order of preference. */
    static void apply(SSLSocket socket) {
        socket.setEnabledProtocols(supported(PROTOCOLS, socket.getSupportedProtocols()));
        socket.setEnabledCipherSuites(supported(CIPHER_SUITES, socket.getSupportedCipherSuites()));
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setUseCipherSuitesOrder(true); // RFC 9325 §4.2: the server, not the client, picks the strongest
        socket.setSSLParameters(parameters);
    }

    private static String[] supported(List<String> wanted, String[] supported) {
        List<String> available = Arrays.asList(supported);
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }
}

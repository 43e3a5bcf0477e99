package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestTls;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The policy applied to every server-side TLS socket, independent of the JDK's own defaults. */
class TlsPolicyTest {

    @Test
    void enablesOnlyTls13AndTls12() throws Exception {
        try (SSLSocket socket = serverSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void enablesOnlyForwardSecretAeadSuites() throws Exception {
        try (SSLSocket socket = serverSocket()) {
            assertThat(socket.getEnabledCipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
                    .matches("TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)"
                            + "|TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)"));
        }
    }

    @Test
    void prefersTheServersOrder() throws Exception {
        try (SSLSocket socket = serverSocket()) {
            assertThat(socket.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
        }
    }

    private static SSLSocket serverSocket() throws Exception {
        SSLSocket socket =
                (SSLSocket) TestTls.serverContext().getSocketFactory().createSocket();
        socket.setUseClientMode(false);
        TlsPolicy.apply(socket);
        return socket;
    }
}

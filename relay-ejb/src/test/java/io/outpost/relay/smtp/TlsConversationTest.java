package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversation tests over real TLS: STARTTLS (RFC 3207), implicit TLS (RFC 8314) and the protocol policy. */
class TlsConversationTest extends ServerTestCase {

    static SmtpSettings tlsSettings() {
        return settings().withTls(TestTls.serverContext()).withAuthenticator(new FakeAuthenticator());
    }

    @Test
    void ehloOffersStartTlsButNotAuthBeforeTls() throws Exception {
        start(tlsSettings());
        String ehlo = connect().command("EHLO client.example");
        assertThat(ehlo).contains("250 STARTTLS").doesNotContain("AUTH");
    }

    @Test
    void ehloOffersNeitherWithoutTlsSettings() throws Exception {
        start(settings().withAuthenticator(new FakeAuthenticator()));
        assertThat(connect().command("EHLO client.example"))
                .doesNotContain("STARTTLS")
                .doesNotContain("AUTH");
    }

    @Test
    void startTlsWithoutTlsSettingsIsNotAvailable() throws Exception {
        start(settings());
        assertThat(connect().command("STARTTLS")).isEqualTo("502 5.5.1 STARTTLS not available");
    }

    @Test
    void afterStartTlsEhloOffersAuthButNotStartTls() throws Exception {
        start(tlsSettings());
        String ehlo = connectOverStartTls().command("EHLO client.example");
        assertThat(ehlo).contains("250 AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
    }

    @Test
    void startTlsForgetsTheGreetingSoTheClientMustSayEhloAgain() throws Exception {
        start(tlsSettings());
        SmtpTestClient client = connectOverStartTls();
        assertThat(client.command("MAIL FROM:<alice@sender.example>")).isEqualTo("503 5.5.1 Send EHLO or HELO first");
    }

    @Test
    void commandsPipelinedAfterStartTlsAreDiscardedNotExecuted() throws Exception {
        start(tlsSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.send("STARTTLS\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
        client.startTls(TestTls.clientContext());
        // Had the plain-text NOOP been executed, its "250 2.0.0 Ok" would come first over TLS (CVE-2011-0411).
        assertThat(client.command("EHLO client.example")).startsWith("250-mx.test greets client.example");
    }

    @Test
    void refusesSecondStartTls() throws Exception {
        start(tlsSettings());
        SmtpTestClient client = connectOverStartTls();
        assertThat(client.command("STARTTLS")).isEqualTo("503 5.5.1 TLS already active");
    }

    @Test
    void refusesStartTlsWithParameter() throws Exception {
        start(tlsSettings());
        assertThat(connect().command("STARTTLS now")).isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void failedHandshakeClosesTheConnection() throws Exception {
        start(tlsSettings());
        SmtpTestClient client = connect();
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        client.send("EHLO not-tls.example\r\n");
        assertThat(readToEnd(client)).doesNotContain("250");
    }

    @Test
    void implicitTlsPortGreetsAfterTheHandshake() throws Exception {
        startWithImplicitTls(tlsSettings());
        SmtpTestClient client = connectImplicitTls();
        assertThat(client.reply()).isEqualTo("220 mx.test ESMTP Outpost");
        assertThat(client.command("EHLO client.example"))
                .contains("250 AUTH PLAIN LOGIN")
                .doesNotContain("STARTTLS");
        assertThat(client.command("STARTTLS")).isEqualTo("503 5.5.1 TLS already active");
    }

    @Test
    void plainPortStillWorksBesideImplicitTls() throws Exception {
        startWithImplicitTls(tlsSettings());
        assertThat(connect().command("EHLO client.example")).contains("250 STARTTLS");
    }

    @Test
    void negotiatesTls13ByDefault() throws Exception {
        startWithImplicitTls(tlsSettings());
        SSLSocket socket = handshake(new String[] {"TLSv1.3", "TLSv1.2"}, null);
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        socket.close();
    }

    @Test
    void tls12GetsAnEcdheAeadSuite() throws Exception {
        startWithImplicitTls(tlsSettings());
        SSLSocket socket = handshake(new String[] {"TLSv1.2"}, null);
        assertThat(socket.getSession().getCipherSuite())
                .startsWith("TLS_ECDHE_")
                .containsAnyOf("_GCM_", "CHACHA20");
        socket.close();
    }

    @Test
    void refusesCbcCipherSuitesEvenOverTls12() throws Exception {
        startWithImplicitTls(tlsSettings());
        assertThatThrownBy(() ->
                        handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"}))
                .isInstanceOf(IOException.class);
    }

    /**
     * A hand-made ClientHello offering TLS 1.0 (0x0301) or 1.1 (0x0302): the JDK client refuses to send one, and the
     * server must refuse it by its own policy, with a protocol_version alert, and never greet.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void refusesTls10And11Handshakes(int minorVersion) throws Exception {
        startWithImplicitTls(tlsSettings());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), implicitTlsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(legacyClientHello(minorVersion));
            byte[] answer = readToEnd(socket.getInputStream());
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("220");
            assertThat(answer)
                    .as("a fatal protocol_version alert (RFC 5246 §7.2)")
                    .hasSizeGreaterThan(6);
            assertThat(answer[0]).as("TLS alert record").isEqualTo((byte) 21);
            assertThat(answer[answer.length - 1]).as("protocol_version").isEqualTo((byte) 70);
        }
    }

    private SSLSocket handshake(String[] protocols, String[] cipherSuites) throws IOException {
        SSLSocket socket = (SSLSocket) TestTls.clientContext()
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), implicitTlsPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            socket.setEnabledCipherSuites(cipherSuites);
        }
        socket.startHandshake();
        return socket;
    }

    // RFC 5246 §7.4.1.2 ClientHello without supported_versions, so its client_version is all it offers.
    private static byte[] legacyClientHello(int minorVersion) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(minorVersion);
        body.writeBytes(new byte[32]); // random
        body.write(0); // no session id
        body.writeBytes(new byte[] {0, 4, (byte) 0xC0, 0x09, 0x00, 0x2F}); // ECDHE_ECDSA_AES_128_CBC_SHA, RSA_AES_128
        body.writeBytes(new byte[] {1, 0}); // null compression
        body.writeBytes(new byte[] {0, 14, 0, 10, 0, 4, 0, 2, 0, 23, 0, 11, 0, 2, 1, 0}); // secp256r1, uncompressed
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1, 0, (byte) (hello.length + 4)});
        record.writeBytes(new byte[] {1, 0, 0, (byte) hello.length});
        record.writeBytes(hello);
        return record.toByteArray();
    }

    private static String readToEnd(SmtpTestClient client) {
        StringBuilder seen = new StringBuilder();
        try {
            while (true) {
                seen.append(client.reply()).append('\n');
            }
        } catch (IOException closed) {
            return seen.toString();
        }
    }

    private static byte[] readToEnd(InputStream in) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                seen.write(b);
            }
        } catch (IOException reset) {
            // A reset after the alert ends the answer as well as a clean close does.
        }
        return seen.toByteArray();
    }
}

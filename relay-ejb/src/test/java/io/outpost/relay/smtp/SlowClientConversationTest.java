package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Conversation tests for clients that are slow on purpose or by accident: replies to pipelined commands are not held
 * back by a half-sent next one (RFC 2920 §3.1), and trickling octets cannot hold a connection beyond the time limits
 * (slowloris), in plain text or in a TLS handshake.
 */
class SlowClientConversationTest extends ServerTestCase {

    // Idle timeouts longer than the test client's 30 s patience: any 421 seen here comes from a time limit.
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration TRICKLE_PAUSE = Duration.ofMillis(20);
    private static final int TRICKLE_OCTETS = 1000;

    private static final SessionTimeLimits DEFAULTS = SessionTimeLimits.DEFAULTS;

    private static SmtpSettings withLimits(Duration handshake, Duration session, Duration line, Duration data) {
        return settings()
                .withTls(TestTls.serverContext())
                .withTimeouts(LONG, LONG)
                .withTimeLimits(new SessionTimeLimits(handshake, session, line, data));
    }

    private static SmtpSettings shortCommandLines() {
        return withLimits(DEFAULTS.tlsHandshake(), DEFAULTS.session(), SHORT, DEFAULTS.dataTransfer());
    }

    private static SmtpSettings shortDataTransfers() {
        return withLimits(DEFAULTS.tlsHandshake(), DEFAULTS.session(), DEFAULTS.commandLine(), SHORT);
    }

    private static SmtpSettings shortHandshakes() {
        return withLimits(SHORT, DEFAULTS.session(), DEFAULTS.commandLine(), DEFAULTS.dataTransfer());
    }

    @Test
    void answersCompleteCommandsWhileTheNextLineIsStillArriving() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.send("EHLO client.example\r\nNOOP\r\nNO");
        assertThat(client.reply()).startsWith("250-mx.test greets client.example");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok");
        assertThat(client.command("OP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void answersCompleteCommandsWhileABdatChunkIsStillArriving() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.send("MAIL FROM:<alice@sender.example>\r\nRCPT TO:<bob@example.org>\r\nBDAT 12 LAST\r\nSubject:");
        assertThat(client.reply()).isEqualTo("250 2.1.0 Sender ok");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Recipient ok");
        client.send(" x\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void cutsOffACommandLineTrickledInSlowerThanItsTimeLimit() throws Exception {
        start(shortCommandLines());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        trickleUntilAnswered(client, 'a');
        assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Timeout");
        assertThat(client.isClosedByServer()).isTrue();
    }

    @Test
    void cutsOffDataTrickledInSlowerThanItsTimeLimit() throws Exception {
        start(shortDataTransfers());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        trickleUntilAnswered(client, 'x');
        assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Timeout");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void cutsOffABdatChunkTrickledInSlowerThanItsTimeLimit() throws Exception {
        start(shortDataTransfers());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 100000 LAST\r\n");
        trickleUntilAnswered(client, 'x');
        assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Timeout");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void endsASessionAtItsTimeLimitHoweverBusyTheClientKeepsIt() throws Exception {
        start(withLimits(
                DEFAULTS.tlsHandshake(), Duration.ofMillis(500), DEFAULTS.commandLine(), DEFAULTS.dataTransfer()));
        SmtpTestClient client = connect();
        String reply = "";
        for (int i = 0; i < TRICKLE_OCTETS && !reply.startsWith("421"); i++) {
            reply = client.replyWaiting() ? client.reply() : client.command("NOOP");
            Thread.sleep(TRICKLE_PAUSE.toMillis());
        }
        assertThat(reply).isEqualTo("421 4.4.2 mx.test Timeout");
    }

    @Test
    void closesWithoutPlainTextWhenTheStartTlsHandshakeNeverComes() throws Exception {
        // A command timeout that ends the wait before the client gives up: no 421 comes after it either.
        start(shortHandshakes().withTimeouts(Duration.ofSeconds(2), LONG));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        // A plain-text "421 ..." here would be garbage inside what the client takes for TLS.
        assertThat(client.isClosedByServer()).isTrue();
    }

    @Test
    void closesAnImplicitTlsConnectionWhoseHandshakeNeverComes() throws Exception {
        startWithImplicitTls(shortHandshakes());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), implicitTlsPort())) {
            socket.setSoTimeout(30_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void closesATlsHandshakeTrickledInSlowerThanItsTimeLimit() throws Exception {
        startWithImplicitTls(shortHandshakes());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), implicitTlsPort())) {
            OutputStream out = socket.getOutputStream();
            // A TLS handshake record header announcing 16 KiB of ClientHello, which then comes one octet at a time.
            out.write(new byte[] {0x16, 0x03, 0x01, 0x40, 0x00});
            assertThat(closedWhileTrickling(socket)).isTrue();
        }
    }

    /** Sends one octet at a time until the server has something to say; at most {@link #TRICKLE_OCTETS}. */
    private static void trickleUntilAnswered(SmtpTestClient client, char octet) throws Exception {
        for (int i = 0; i < TRICKLE_OCTETS && !client.replyWaiting(); i++) {
            client.send(String.valueOf(octet));
            Thread.sleep(TRICKLE_PAUSE.toMillis());
        }
    }

    private static boolean closedWhileTrickling(Socket socket) throws IOException {
        socket.setSoTimeout((int) TRICKLE_PAUSE.toMillis());
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (int i = 0; i < TRICKLE_OCTETS; i++) {
            try {
                out.write(1);
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // The server is still reading: go on.
            } catch (IOException reset) {
                return true; // closed under a write: the peer reset the connection
            }
        }
        return false;
    }
}

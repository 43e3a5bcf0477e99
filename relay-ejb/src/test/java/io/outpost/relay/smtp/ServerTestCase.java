package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestPipelines;
import io.outpost.relay.testing.TestTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;

/** Starts a real {@link SmtpServer} on 127.0.0.1 and an ephemeral port, and opens test clients against it. */
abstract class ServerTestCase {

    static final String HOST = "mx.test";
    static final ThreadFactory DAEMON_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "smtp-test");
        thread.setDaemon(true);
        return thread;
    };

    // Held so the logger, and its level, are not garbage collected; keeps test output to warnings.
    private static final Logger QUIET = quietLogger();

    final RecordingAcceptor acceptor = new RecordingAcceptor();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SmtpServer server;

    /** example.org is local; nothing is trusted; no reverse DNS, so Received fields are predictable. */
    static SmtpSettings settings() {
        return relaying(
                SmtpSettings.defaults(HOST).withLookUpClientNames(false),
                RelayPolicy.of(List.of(), List.of(Domain.of("example.org"))));
    }

    static SmtpSettings trustedLoopbackSettings() {
        return relaying(settings(), RelayPolicy.of(List.of("127.0.0.0/8"), List.of()));
    }

    /** {@code base} with {@code relay} deciding who submits, and the relay-control rule applying it. */
    static SmtpSettings relaying(SmtpSettings base, RelayPolicy relay) {
        return base.withRelayPolicy(relay).withSubmission(TestPipelines.rules(relay));
    }

    void start(SmtpSettings settings) throws IOException {
        server = new SmtpServer(settings, acceptor, DAEMON_THREADS);
        resources.add(server);
        server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    /** Also listens for implicit TLS (RFC 8314) on a second ephemeral port. */
    void startWithImplicitTls(SmtpSettings settings) throws IOException {
        server = new SmtpServer(settings, acceptor, DAEMON_THREADS);
        resources.add(server);
        InetSocketAddress ephemeral = new InetSocketAddress("127.0.0.1", 0);
        server.start(ephemeral, Optional.of(ephemeral));
    }

    /** A client on the implicit-TLS port that has completed the handshake but not yet read the greeting. */
    SmtpTestClient connectImplicitTls() throws IOException {
        SmtpTestClient client = new SmtpTestClient(server.implicitTlsPort());
        resources.add(client);
        client.startTls(TestTls.clientContext());
        return client;
    }

    /** A client that has read the greeting. */
    SmtpTestClient connect() throws IOException {
        SmtpTestClient client = connectWithoutGreeting();
        client.reply();
        return client;
    }

    SmtpTestClient connectWithoutGreeting() throws IOException {
        SmtpTestClient client = new SmtpTestClient(server.port());
        resources.add(client);
        return client;
    }

    /** A client that has read the greeting, sent EHLO and completed STARTTLS, but not yet sent EHLO again. */
    SmtpTestClient connectOverStartTls() throws IOException {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        String reply = client.command("STARTTLS");
        if (!reply.equals("220 2.0.0 Ready to start TLS")) {
            throw new IOException("STARTTLS refused: " + reply);
        }
        client.startTls(TestTls.clientContext());
        return client;
    }

    int port() {
        return server.port();
    }

    int implicitTlsPort() {
        return server.implicitTlsPort();
    }

    /** A client that has said EHLO and given a sender and one local recipient. */
    SmtpTestClient connectWithRecipient() throws IOException {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("RCPT TO:<bob@example.org>");
        return client;
    }

    /** The message content after the Received field that the server prepended. */
    static String afterReceived(ReceivedMessage message) {
        return new String(bytesAfterReceived(message), StandardCharsets.UTF_8);
    }

    static byte[] bytesAfterReceived(ReceivedMessage message) {
        byte[] content = message.content().toByteArray();
        for (int i = 0; i + 2 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] != '\t') {
                return Arrays.copyOfRange(content, i + 2, content.length);
            }
        }
        throw new AssertionError("no Received field");
    }

    private static Logger quietLogger() {
        Logger logger = Logger.getLogger(SmtpServer.class.getPackageName());
        logger.setLevel(Level.WARNING);
        return logger;
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}

package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Conversation tests for AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN, over real STARTTLS. */
class AuthConversationTest extends ServerTestCase {

    private final FakeAuthenticator authenticator = new FakeAuthenticator();

    private SmtpSettings authSettings() {
        return settings().withTls(TestTls.serverContext()).withAuthenticator(authenticator);
    }

    /** Over TLS, after the second EHLO. */
    private SmtpTestClient tlsClient() throws Exception {
        SmtpTestClient client = connectOverStartTls();
        client.command("EHLO client.example");
        return client;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String plain(String username, String password) {
        return base64("\0" + username + "\0" + password);
    }

    @Test
    void logsAUserNameWithALineBreakWithoutForgingALogLine() throws Exception {
        start(authSettings());
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger sessionLog = Logger.getLogger(SmtpSession.class.getName());
        sessionLog.setLevel(Level.INFO);
        sessionLog.addHandler(capture);
        try {
            String forged = "mallory\nINFO: client 192.0.2.1 authenticated as admin";
            assertThat(tlsClient().command("AUTH PLAIN " + plain(forged, "guess")))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
        } finally {
            sessionLog.removeHandler(capture);
            sessionLog.setLevel(null);
        }
        assertThat(logged)
                .contains("authentication of mallory\\nINFO: client 192.0.2.1 authenticated as admin from 127.0.0.1"
                        + " rejected")
                .noneMatch(line -> line.contains("\n") || line.contains("\r"));
    }

    @Test
    void refusesAuthBeforeTls() throws Exception {
        start(authSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void authWithoutAuthenticatorIsNotAvailable() throws Exception {
        start(settings().withTls(TestTls.serverContext()));
        assertThat(tlsClient().command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("502 5.5.1 AUTH not available");
    }

    @Test
    void aChecksOwnReplyReachesTheClientAsItGaveIt() throws Exception {
        SmtpReply locked = SmtpReply.of(535, "5.7.8", "Account locked after a password reset: call the help desk");
        SmtpReply down = SmtpReply.of(454, "4.7.0", "Directory maintenance until 06:00 UTC");
        start(settings()
                .withTls(TestTls.serverContext())
                .withAuthenticator((username, password, client) -> username.equals("locked")
                        ? new AuthResult.Rejected(Optional.of(locked))
                        : new AuthResult.TemporaryFailure("maintenance", Optional.of(down))));

        assertThat(tlsClient().command("AUTH PLAIN " + plain("locked", "x"))).isEqualTo(locked.toString());
        assertThat(tlsClient().command("AUTH PLAIN " + plain("other", "x"))).isEqualTo(down.toString());
    }

    @Test
    void authPlainWithInitialResponseSucceeds() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void authPlainAfterEmptyChallengeSucceeds() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
        assertThat(client.command(plain("alice", "secret"))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void authPlainWithMatchingAuthorizationIdentitySucceeds() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN " + base64("alice\0alice\0secret")))
                .isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void refusesActingAsAnotherUser() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN " + base64("bob\0alice\0secret")))
                .isEqualTo("535 5.7.8 Authentication credentials invalid: acting as another user is not supported");
    }

    @Test
    void authLoginSucceeds() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        assertThat(client.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
        assertThat(client.command(base64("alice"))).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.command(base64("secret"))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void authLoginTakesTheUserNameAsInitialResponse() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        assertThat(client.command("auth login " + base64("alice"))).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.command(base64("secret"))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void emptyInitialResponseIsMalformedForPlain() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN =")).isEqualTo("501 5.5.2 Malformed authentication response");
    }

    @Test
    void refusesUnknownMechanism() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH CRAM-MD5")).isEqualTo("504 5.5.4 Unrecognized authentication mechanism");
    }

    @Test
    void refusesInvalidBase64() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN not*base64")).isEqualTo("501 5.5.2 Invalid base64 data");
    }

    @Test
    void clientMayCancelTheExchange() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("AUTH LOGIN");
        assertThat(client.command("*")).isEqualTo("501 5.0.0 Authentication cancelled");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void refusesWrongPassword() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN " + plain("alice", "guess")))
                .isEqualTo("535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void temporaryFailureOfTheAuthenticatorIs454() throws Exception {
        start(authSettings());
        assertThat(tlsClient().command("AUTH PLAIN " + plain("outage", "x")))
                .isEqualTo("454 4.7.0 Temporary authentication failure");
    }

    @Test
    void refusesSecondAuth() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("AUTH PLAIN " + plain("alice", "secret"));
        assertThat(client.command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("503 5.5.1 Already authenticated");
    }

    @Test
    void refusesAuthDuringTransaction() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("503 5.5.1 AUTH not allowed during a mail transaction");
    }

    @Test
    void acceptsAuthResponsesLongerThanACommandLine() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("AUTH PLAIN");
        assertThat(client.command(plain("alice", "x".repeat(3000))))
                .isEqualTo("535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void refusesAuthResponsesLongerThan12288Octets() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("AUTH PLAIN");
        assertThat(client.command("A".repeat(12_288))).isEqualTo("500 5.5.2 Line too long");
    }

    @Test
    void zeroesThePasswordAfterUse() throws Exception {
        start(authSettings());
        tlsClient().command("AUTH PLAIN " + plain("alice", "secret"));
        assertThat(authenticator.passwordsSeen()).singleElement().satisfies(password -> assertThat(new String(password))
                .isEqualTo("\0".repeat(6)));
    }

    @Test
    void authenticatedClientMayRelayAnywhere() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("AUTH PLAIN " + plain("alice", "secret"));
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<carol@elsewhere.example>")).isEqualTo("250 2.1.5 Recipient ok");
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nbody\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(new String(acceptor.messages().get(0).content().toByteArray(), StandardCharsets.UTF_8))
                .contains("with ESMTPSA id ");
    }

    @Test
    void unauthenticatedClientOverTlsMayNotRelay() throws Exception {
        start(authSettings());
        SmtpTestClient client = tlsClient();
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<carol@elsewhere.example>")).startsWith("554 5.7.1 Relay access denied");
    }

    @Test
    void startTlsForgetsTheTransactionToo() throws Exception {
        start(authSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("STARTTLS");
        client.startTls(TestTls.clientContext());
        client.command("EHLO client.example");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("503 5.5.1 Send MAIL first");
    }

    @Test
    void blocksTheClientAcrossConnectionsAfterRepeatedFailures() throws Exception {
        AuthThrottle throttle = new AuthThrottle(
                new AuthThrottle.Limits(
                        3,
                        3,
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        1,
                        Duration.ofMillis(10),
                        Duration.ofMillis(40),
                        100),
                Clock.systemUTC());
        start(authSettings().withAuthThrottle(throttle));
        SmtpTestClient first = tlsClient();
        for (int i = 0; i < 3; i++) {
            assertThat(first.command("AUTH PLAIN " + plain("mallory", "guess" + i)))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
        }
        SmtpTestClient second = tlsClient();
        assertThat(second.command("AUTH PLAIN " + plain("alice", "secret")))
                .isEqualTo("421 4.7.0 Too many failed authentications, try again later");
        assertThat(second.isClosedByServer()).isTrue();
        assertThat(throttle.snapshot())
                .extracting(entry -> entry.kind() + " " + entry.address().orElse("-") + " "
                        + entry.name().orElse("-"))
                .containsExactly("ADDRESS 127.0.0.1 -", "ADDRESS_AND_NAME 127.0.0.1 mallory", "NAME - mallory");
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Never an open relay, as configured in the real server: a client outside the trusted networks (it connects from
 * 127.0.0.2; only 127.0.0.1 is trusted) may only mail the local domain local.test, and every classic routing trick is
 * refused with its own reply rather than rewritten into something deliverable. An authenticated client relays, but only
 * as its tenant: alice belongs to it-tenant, whose one sending domain is ok.test.
 */
class OpenRelayIT {

    private static final String RELAY_DENIED =
            "554 5.7.1 Relay access denied: authenticate or send from a trusted network, or mail a local domain";

    private static SSLContext trustingTheServer;

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        trustingTheServer = OutpostUnderTest.trustingTheServer();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user@foreign.example              | " + RELAY_DENIED,
                "user@FOREIGN.EXAMPLE              | " + RELAY_DENIED,
                "user@local.test.foreign.example   | " + RELAY_DENIED,
                "user@sub.local.test               | " + RELAY_DENIED,
                "user%foreign.example@local.test   | 553 5.1.3 '%' in a recipient local part is not accepted (percent-hack routing)",
                "foreign.example!user@local.test   | 553 5.1.3 '!' in a recipient local part is not accepted (UUCP bang path routing)",
                "\"user@foreign.example\"@local.test | 553 5.1.3 '@' inside a quoted recipient local part is not accepted",
                "@local.test:user@foreign.example  | 501 5.1.3 Source routes are not accepted; give the final mailbox only",
                "user@[127.0.0.1]                  | 553 5.1.3 Address literals are not accepted as recipient domains",
                "user@foreign.example@local.test   | 501 5.1.3 Invalid recipient address syntax",
                "user@local.test.                  | 501 5.1.3 Invalid recipient address syntax",
                "USER@LOCAL.TEST                   | 250 2.1.5 Recipient ok",
                "user@Local.Test                   | 250 2.1.5 Recipient ok",
            })
    void refusesToRelayForAnUntrustedClient(String recipient, String expectedReply) throws Exception {
        try (SmtpTestClient client =
                new SmtpTestClient(OutpostUnderTest.SMTP_PORT, InetAddress.getByName("127.0.0.2"))) {
            client.reply();
            client.command("EHLO stranger.example");
            assertThat(client.command("MAIL FROM:<someone@stranger.example>")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + recipient + ">")).isEqualTo(expectedReply);
            client.command("RSET");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ceo@foreign.example                | 550 5.7.1 Sender address <ceo@foreign.example> is not a sending domain of your account",
                "ceo@FOREIGN.EXAMPLE                | 550 5.7.1 Sender address <ceo@foreign.example> is not a sending domain of your account",
                "ceo@ok.test.foreign.example        | 550 5.7.1 Sender address <ceo@ok.test.foreign.example> is not a sending domain of your account",
                "ceo@notok.test                     | 550 5.7.1 Sender address <ceo@notok.test> is not a sending domain of your account",
                "@ok.test:ceo@foreign.example       | 501 5.1.7 Source routes are not accepted; give the sender mailbox only",
                "news@ok.test                       | 250 2.1.0 Sender ok",
                "news@OK.TEST                       | 250 2.1.0 Sender ok",
                "news@mail.ok.test                  | 250 2.1.0 Sender ok",
                "''                                 | 250 2.1.0 Sender ok",
            })
    void bindsAnAuthenticatedClientToItsTenantsDomains(String sender, String expectedReply) throws Exception {
        try (SmtpTestClient client =
                new SmtpTestClient(OutpostUnderTest.SMTP_PORT, InetAddress.getByName("127.0.0.2"))) {
            client.reply();
            client.command("EHLO stranger.example");
            assertThat(client.command("STARTTLS")).startsWith("220");
            client.startTls(trustingTheServer);
            client.command("EHLO stranger.example");
            String plain = Base64.getEncoder()
                    .encodeToString("\0alice\0wonderland-test-password".getBytes(StandardCharsets.UTF_8));
            assertThat(client.command("AUTH PLAIN " + plain)).startsWith("235");
            assertThat(client.command("MAIL FROM:<" + sender + ">")).isEqualTo(expectedReply);
            client.command("RSET");
        }
    }
}

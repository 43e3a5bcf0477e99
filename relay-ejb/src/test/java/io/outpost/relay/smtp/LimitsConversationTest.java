package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Conversation tests for recipient, relay, timeout and connection limits. */
class LimitsConversationTest extends ServerTestCase {

    @Test
    void rejectsRecipientsBeyondTheLimit() throws Exception {
        start(settings().withMaxRecipients(2));
        SmtpTestClient client = connectWithRecipient();
        assertThat(client.command("RCPT TO:<carol@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.command("RCPT TO:<dave@example.org>")).isEqualTo("452 4.5.3 Too many recipients");
    }

    @Test
    void acceptsARepeatedRecipientButDeliversToItOnce() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        assertThat(client.command("RCPT TO:<bob@EXAMPLE.org>")).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nhello\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.messages().get(0).recipients())
                .extracting(Object::toString)
                .containsExactly("bob@example.org");
    }

    @Test
    void keepsRecipientsWhoseLocalPartsDifferOnlyInCase() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("RCPT TO:<Bob@example.org>");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(acceptor.messages().get(0).recipients())
                .extracting(Object::toString)
                .containsExactly("bob@example.org", "Bob@example.org");
    }

    @Test
    void countsARepeatedRecipientOnceAgainstTheLimit() throws Exception {
        start(settings().withMaxRecipients(2));
        SmtpTestClient client = connectWithRecipient();
        assertThat(client.command("RCPT TO:<carol@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.command("RCPT TO:<bob@Example.Org>")).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.command("RCPT TO:<dave@example.org>")).isEqualTo("452 4.5.3 Too many recipients");
    }

    @Test
    void holdsUnauthenticatedMailToTheSmallerSizeLimitWhileAdvertisingTheGlobalOne() throws Exception {
        start(settings().withMaxMessageOctets(100_000).withUnauthenticatedLimits(new UnauthenticatedLimits(1000, 60)));
        SmtpTestClient client = connect();
        assertThat(client.command("EHLO client.example")).contains("250-SIZE 100000");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=1001"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=1000")).isEqualTo("250 2.1.0 Sender ok");
        client.command("RCPT TO:<bob@example.org>");
        client.command("DATA");
        assertThat(client.command("x".repeat(2000) + "\r\n."))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void holdsUnauthenticatedBdatToTheSmallerSizeLimit() throws Exception {
        start(settings().withMaxMessageOctets(100_000).withUnauthenticatedLimits(new UnauthenticatedLimits(1000, 60)));
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 1001 LAST\r\n" + "x".repeat(1001));
        assertThat(client.reply()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void givesTrustedClientsTheGlobalSizeLimit() throws Exception {
        start(trustedLoopbackSettings()
                .withMaxMessageOctets(100_000)
                .withUnauthenticatedLimits(new UnauthenticatedLimits(1000, 60)));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=50000"))
                .isEqualTo("250 2.1.0 Sender ok");
        client.command("RCPT TO:<bob@elsewhere.example>");
        client.command("DATA");
        assertThat(client.command("x".repeat(2000) + "\r\n.")).startsWith("250 2.0.0");
    }

    @Test
    void limitsTheMessagesAnUnauthenticatedAddressMayStartPerMinute() throws Exception {
        start(settings().withUnauthenticatedLimits(new UnauthenticatedLimits(1000, 2)));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        for (int i = 0; i < 2; i++) {
            assertThat(client.command("MAIL FROM:<alice@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
            client.command("RSET");
        }
        assertThat(client.command("MAIL FROM:<alice@sender.example>"))
                .isEqualTo("450 4.7.1 Too many messages from your address without authentication; try again later");
        SmtpTestClient other = new SmtpTestClient(port(), InetAddress.getByName("127.0.0.2"));
        other.reply();
        other.command("EHLO other.example");
        assertThat(other.command("MAIL FROM:<carol@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
        other.close();
    }

    @Test
    void doesNotRateLimitTrustedClients() throws Exception {
        start(trustedLoopbackSettings().withUnauthenticatedLimits(new UnauthenticatedLimits(1000, 1)));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        for (int i = 0; i < 3; i++) {
            assertThat(client.command("MAIL FROM:<alice@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
            client.command("RSET");
        }
    }

    @Test
    void deniesRelayToForeignDomainFromUntrustedClient() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@elsewhere.example>"))
                .isEqualTo("554 5.7.1 Relay access denied: authenticate or send from a trusted network,"
                        + " or mail a local domain");
    }

    @Test
    void acceptsLocalDomainFromAnyClient() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
    }

    @Test
    void doesNotTreatSubdomainOfLocalDomainAsLocal() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@sub.example.org>")).startsWith("554 5.7.1 ");
    }

    @Test
    void relaysAnywhereForTrustedNetwork() throws Exception {
        start(trustedLoopbackSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@elsewhere.example>")).isEqualTo("250 2.1.5 Recipient ok");
    }

    @Test
    void closesIdleConnectionAfterCommandTimeout() throws Exception {
        start(settings().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));
        SmtpTestClient client = connect();
        assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Timeout");
        assertThat(client.isClosedByServer()).isTrue();
    }

    @Test
    void closesStalledDataAfterDataTimeout() throws Exception {
        start(settings().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send("Subject: half a message\r\n");
        assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Timeout");
        assertThat(client.isClosedByServer()).isTrue();
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void refusesConnectionsOverThePerClientLimit() throws Exception {
        start(settings().withConnectionLimits(10, 1));
        connect();
        SmtpTestClient second = connectWithoutGreeting();
        assertThat(second.reply()).isEqualTo("421 4.7.0 mx.test Too many connections, try again later");
        assertThat(second.isClosedByServer()).isTrue();
    }

    @Test
    void refusesConnectionsOverTheTotalLimit() throws Exception {
        start(settings().withConnectionLimits(1, 10));
        connect();
        assertThat(connectWithoutGreeting().reply())
                .isEqualTo("421 4.7.0 mx.test Too many connections, try again later");
    }

    @Test
    void releasesThePerClientSlotOnDisconnect() throws Exception {
        start(settings().withConnectionLimits(10, 1));
        SmtpTestClient first = connect();
        first.command("QUIT");
        assertThat(first.isClosedByServer()).isTrue();
        assertThat(greetingOfNewConnectionWithin(Duration.ofSeconds(3))).isEqualTo("220 mx.test ESMTP Outpost");
    }

    @Test
    void slowClientDoesNotBlockAnotherClient() throws Exception {
        start(settings());
        SmtpTestClient slow = connect();
        slow.send("MAIL FROM:<alice@sen");
        SmtpTestClient fast = connectWithRecipient();
        fast.command("DATA");
        assertThat(fast.command("Subject: hi\r\n\r\nhello\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    // The server releases the slot just after closing the socket, so the first retry may still be refused.
    private String greetingOfNewConnectionWithin(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String greeting;
        do {
            greeting = connectWithoutGreeting().reply();
            if (greeting.startsWith("220")) {
                return greeting;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return greeting;
    }
}

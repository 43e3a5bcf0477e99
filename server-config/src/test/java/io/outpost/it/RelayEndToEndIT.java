package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core path inside a real Liberty server: an SMTP client → Outpost → MX found in the tests' DNS server → a real
 * receiving SMTP server.
 */
class RelayEndToEndIT {

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void startNetwork() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        PublishedDomains.signOkTest();
    }

    @Test
    void deliversTheBodyByteIdenticalBehindAReceivedHeader() throws Exception {
        String marker = UUID.randomUUID().toString();
        String original = "From: Sender <sender@ok.test>\r\n"
                + "To: <byte@ok.test>\r\n"
                + "Subject: bytes " + marker + "\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + marker + "@ok.test>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Grüße aus Zürich — ünïcödé body\r\n"
                + ".a line that began with a dot\r\n"
                + "trailing spaces   \r\n"
                + "x".repeat(990) + "\r\n";
        byte[] originalBytes = original.getBytes(StandardCharsets.UTF_8);

        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            client.command("EHLO client.test");
            String reply = client.sendMessage("sender@ok.test", "byte@ok.test", dotStuff(original));
            assertThat(reply).startsWith("250 2.0.0");
            client.command("QUIT");
        }

        Transaction delivered = awaitTransactionContaining(marker);
        String received = new String(delivered.data(), StandardCharsets.UTF_8);
        assertThat(delivered.mailFrom()).isEqualTo("sender@ok.test");
        assertThat(delivered.rcptTo()).containsExactly("byte@ok.test");
        // Outpost signs what it accepted, its own trace field included, so the signature is the topmost field.
        assertThat(received).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=ok.test;");
        assertThat(received).contains("\r\nReceived: from client.test");
        assertThat(received).contains("by outpost.test");
        int originalStart = received.indexOf("From: Sender");
        byte[] afterTrace = java.util.Arrays.copyOfRange(
                delivered.data(),
                received.substring(0, originalStart).getBytes(StandardCharsets.UTF_8).length,
                delivered.data().length);
        assertThat(afterTrace).isEqualTo(originalBytes);
    }

    @Test
    void retriesADestinationThatAnsweredTemporarilyAndDeliversLater() throws Exception {
        String rcpt = "tempfail-" + UUID.randomUUID().toString().substring(0, 8) + "@ok.test";
        TestNetwork.MX.replyToRcpt(rcpt, "451 4.2.0 greylisted, try again later", 1);
        String marker = send("sender@ok.test", rcpt);

        Transaction delivered = awaitTransactionContaining(marker);
        assertThat(delivered.rcptTo()).containsExactly(rcpt);
    }

    @Test
    void sendsADsnToTheSenderWhenTheDestinationRefuses() throws Exception {
        String rcpt = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@ok.test";
        TestNetwork.MX.replyToRcpt(rcpt, "550 5.1.1 no such user here");
        String sender = "dsn-" + UUID.randomUUID().toString().substring(0, 8) + "@ok.test";
        send(sender, rcpt);

        Transaction dsn = awaitTransactionTo(sender);
        String report = new String(dsn.data(), StandardCharsets.UTF_8);
        assertThat(dsn.mailFrom()).as("a DSN has the null reverse path").isEmpty();
        assertThat(report).contains("multipart/report").contains("report-type=delivery-status");
        assertThat(report).contains("Final-Recipient: rfc822; " + rcpt);
        assertThat(report).contains("Action: failed").contains("Status: 5.1.1");
        assertThat(report).contains("no such user here");
    }

    @Test
    void bouncesMailForADomainWithANullMx() throws Exception {
        String sender = "nullmx-" + UUID.randomUUID().toString().substring(0, 8) + "@ok.test";
        send(sender, "anyone@nullmx.test");

        Transaction dsn = awaitTransactionTo(sender);
        String report = new String(dsn.data(), StandardCharsets.UTF_8);
        assertThat(report).contains("Final-Recipient: rfc822; anyone@nullmx.test");
        assertThat(report).contains("Status: 5.1.10");
    }

    @Test
    void deliversToTheAddressOfADomainWithoutMx() throws Exception {
        String marker = send("sender@ok.test", "user@implicit.test");
        assertThat(awaitTransactionContaining(marker).rcptTo()).containsExactly("user@implicit.test");
    }

    /** Sends a small message and returns the marker in its subject. */
    static String send(String from, String to) throws Exception {
        String marker = UUID.randomUUID().toString();
        String content = "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + marker + "\r\n\r\nhello\r\n";
        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.sendMessage(from, to, dotStuff(content))).startsWith("250 2.0.0");
            client.command("QUIT");
        }
        return marker;
    }

    static Transaction awaitTransactionContaining(String marker) throws InterruptedException {
        return await(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker), "containing " + marker);
    }

    static Transaction awaitTransactionTo(String rcpt) throws InterruptedException {
        return await(t -> t.rcptTo().contains(rcpt), "to " + rcpt);
    }

    private static Transaction await(java.util.function.Predicate<Transaction> match, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Transaction> found =
                    TestNetwork.MX.transactions().stream().filter(match).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no transaction " + what + " within " + DELIVERY_WAIT);
    }

    static byte[] dotStuff(String content) {
        // RFC 5321 §4.5.2: a line that starts with "." is sent with one more.
        return content.replace("\r\n.", "\r\n..").getBytes(StandardCharsets.UTF_8);
    }
}

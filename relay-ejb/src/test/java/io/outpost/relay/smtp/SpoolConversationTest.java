package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.content.InFlightBytes;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.Spool;
import io.outpost.relay.testing.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation tests for message data beyond the memory threshold (spooled to a file, byte for byte, file deleted once
 * answered) and for the cap on message bytes in flight across sessions (RFC 3463 X.3.1: 452 4.3.1, not a dead JVM).
 */
class SpoolConversationTest extends ServerTestCase {

    private static final int THRESHOLD = 4096;

    @TempDir
    Path spoolDirectory;

    @Test
    void aMessageLargerThanTheThresholdIsSpooledAndArrivesByteForByte() throws Exception {
        start(settings().withSpool(spool(THRESHOLD * 10L)));
        String body = body(200_000);
        SmtpTestClient client = connectWithRecipient();

        assertThat(client.command("DATA")).startsWith("354 ");
        client.send("Subject: big\r\n\r\n" + body + ".\r\n");

        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.spooled()).containsExactly(true);
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo("Subject: big\r\n\r\n" + body);
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void bdatChunksLargerThanTheThresholdAreSpooledAndArriveByteForByte() throws Exception {
        start(settings().withSpool(spool(THRESHOLD * 10L)));
        String first = "Subject: chunks\r\n\r\n" + body(50_000);
        String last = body(30_000);
        SmtpTestClient client = connectWithRecipient();

        client.send("BDAT " + octets(first) + "\r\n" + first);
        assertThat(client.reply()).startsWith("250 ");
        client.send("BDAT " + octets(last) + " LAST\r\n" + last);

        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.spooled()).containsExactly(true);
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo(first + last);
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void aSmallMessageStaysInMemory() throws Exception {
        start(settings().withSpool(spool(THRESHOLD * 10L)));
        SmtpTestClient client = connectWithRecipient();

        client.command("DATA");
        client.send("Subject: small\r\n\r\nhello\r\n.\r\n");

        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.spooled()).containsExactly(false);
    }

    @Test
    void aHeaderSectionLongerThanTheRelayReadsIntoMemoryIsRefusedPermanently() throws Exception {
        start(settings().withSpool(spool(THRESHOLD * 10L)));
        SmtpTestClient client = connectWithRecipient();

        client.command("DATA");
        client.send(("X-Filler: " + "x".repeat(70) + "\r\n").repeat(MessageContent.MAX_HEADER_OCTETS / 80 + 10)
                + "\r\nbody\r\n.\r\n");

        assertThat(client.reply()).isEqualTo("552 5.3.4 Header section exceeds 262144 octets");
        assertThat(acceptor.messages()).isEmpty();
        assertThat(client.command("NOOP")).startsWith("250 ");
    }

    @Test
    void dataBeyondTheCapOnBytesInFlightIsRefusedTemporarilyAndAcceptedOnceThereIsRoom() throws Exception {
        // Room for one message in flight: each reserves the threshold.
        start(settings().withSpool(spool(THRESHOLD)));
        SmtpTestClient first = connectWithRecipient();
        SmtpTestClient second = connectWithRecipient();
        assertThat(first.command("DATA")).startsWith("354 ");

        assertThat(second.command("DATA")).isEqualTo("452 4.3.1 Too many messages in progress; try again shortly");

        first.send("Subject: one\r\n\r\nhello\r\n.\r\n");
        assertThat(first.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        // The transaction survives the refusal: the client retries DATA once the first message is answered.
        assertThat(second.command("DATA")).startsWith("354 ");
        second.send("Subject: two\r\n\r\nhello\r\n.\r\n");
        assertThat(second.reply()).isEqualTo("250 2.0.0 Ok: queued as Q2");
    }

    @Test
    void bdatBeyondTheCapOnBytesInFlightIsRefusedTemporarilyAndItsChunkSkipped() throws Exception {
        start(settings().withSpool(spool(THRESHOLD)));
        SmtpTestClient first = connectWithRecipient();
        SmtpTestClient second = connectWithRecipient();
        first.send("BDAT 5\r\nhello");
        assertThat(first.reply()).startsWith("250 ");

        second.send("BDAT 5 LAST\r\nhello");
        assertThat(second.reply()).isEqualTo("452 4.3.1 Too many messages in progress; try again shortly");
        assertThat(second.command("NOOP")).startsWith("250 ");

        // RSET gives the first session's reservation back.
        assertThat(first.command("RSET")).startsWith("250 ");
        assertThat(second.command("MAIL FROM:<alice@sender.example>")).startsWith("250 ");
        assertThat(second.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
        second.send("BDAT 19 LAST\r\nSubject: x\r\n\r\nhello");
        assertThat(second.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void aClientThatLeavesDuringDataGivesItsReservationAndSpoolFileBack() throws Exception {
        Spool spool = spool(THRESHOLD);
        start(settings().withSpool(spool));
        try (SmtpTestClient leaving = connectWithRecipient()) {
            leaving.command("DATA");
            leaving.send(body(20_000));
        }
        awaitNothingInFlight(spool);
        SmtpTestClient next = connectWithRecipient();

        assertThat(next.command("DATA")).startsWith("354 ");
        next.send("Subject: after\r\n\r\nhello\r\n.\r\n");
        assertThat(next.reply()).startsWith("250 ");
        assertThat(spoolFiles()).isZero();
        assertThat(spool.inFlight().reserved()).isZero();
    }

    @Test
    void aSpoolThatCannotBeWrittenIsATemporaryRefusalAfterTheDataNotALostConnection() throws Exception {
        // A regular file where the spool directory should be: creating the spool file fails like a full disk would.
        Path notADirectory = Files.createFile(spoolDirectory.resolve("not-a-directory"));
        Spool spool = new Spool(notADirectory, THRESHOLD, new InFlightBytes(THRESHOLD * 10L));
        start(settings().withSpool(spool));
        SmtpTestClient client = connectWithRecipient();

        assertThat(client.command("DATA")).startsWith("354 ");
        client.send("Subject: big\r\n\r\n" + body(20_000) + ".\r\n");
        assertThat(client.reply()).isEqualTo("452 4.3.1 Insufficient system storage for this message; try again later");
        String chunk = "Subject: chunk\r\n\r\n" + body(20_000);
        assertThat(client.command("MAIL FROM:<alice@sender.example>")).startsWith("250 ");
        assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
        client.send("BDAT " + octets(chunk) + " LAST\r\n" + chunk);
        assertThat(client.reply()).isEqualTo("452 4.3.1 Insufficient system storage for this message; try again later");
        assertThat(client.command("NOOP")).startsWith("250 ");
        assertThat(acceptor.messages()).isEmpty();
        assertThat(spool.inFlight().reserved()).isZero();
    }

    // Event-based: the session notices the closed connection on its own thread, in its own time.
    private static void awaitNothingInFlight(Spool spool) throws InterruptedException {
        for (int i = 0; i < 600 && spool.inFlight().reserved() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(spool.inFlight().reserved()).isZero();
    }

    private Spool spool(long maxBytesInFlight) throws IOException {
        Spool spool = new Spool(spoolDirectory, THRESHOLD, new InFlightBytes(maxBytesInFlight));
        spool.clean();
        return spool;
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.count();
        }
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Lines of 8-bit text, none starting with a dot, about {@code octets} long. */
    private static String body(int octets) {
        StringBuilder body = new StringBuilder(octets + 100);
        for (int line = 0; body.length() < octets; line++) {
            body.append("line ")
                    .append(line)
                    .append(" grüße ")
                    .append("x".repeat(line % 70))
                    .append("\r\n");
        }
        return body.toString();
    }
}

package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Memory up to the threshold, a spool file beyond it, fields in front without a copy, and the cap on bytes in flight. */
class ContentSinkTest {

    private static final int THRESHOLD = 1000;

    @TempDir
    Path directory;

    @Test
    void keepsAMessageUpToTheThresholdInMemory() throws Exception {
        Spool spool = spool(10_000);
        ContentSink sink = spool.incoming().orElseThrow();
        sink.write(bytes(THRESHOLD));

        try (MessageContent content = sink.finish()) {
            assertThat(content.spooled()).isFalse();
            assertThat(content.toByteArray()).isEqualTo(bytes(THRESHOLD));
            assertThat(files()).isZero();
        }
    }

    @Test
    void movesAMessagePastTheThresholdToAFileAndDeletesItOnClose() throws Exception {
        Spool spool = spool(10_000);
        ContentSink sink = spool.incoming().orElseThrow();
        byte[] message = bytes(THRESHOLD * 7 + 3);
        for (byte b : message) {
            sink.write(b);
        }

        MessageContent content = sink.finish();
        assertThat(content.spooled()).isTrue();
        assertThat(content.size()).isEqualTo(message.length);
        assertThat(content.toByteArray()).isEqualTo(message);
        assertThat(files()).isOne();

        content.close();
        assertThat(files()).isZero();
        assertThat(spool.inFlight().reserved()).isZero();
    }

    @Test
    void putsFieldsInFrontOfTheMessageWithoutChangingIt() throws Exception {
        ContentSink sink = spool(10_000).incoming().orElseThrow();
        sink.write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        MessageContent content = sink.finish();

        MessageContent stamped = content.withFieldsInFront("Received: b\r\n".getBytes(StandardCharsets.US_ASCII))
                .withFieldsInFront("DKIM-Signature: a\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(stamped.toByteArray(), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: a\r\nReceived: b\r\nSubject: x\r\n\r\nbody\r\n");
        assertThat(new String(stamped.headerSection(), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: a\r\nReceived: b\r\nSubject: x\r\n\r\n");
        assertThat(new String(content.toByteArray(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: x\r\n\r\nbody\r\n");
    }

    @ParameterizedTest(name = "header section of {0} octets")
    @ValueSource(ints = {14, 8189, 8190, 8191, 8192, 8193, 8194, 20_000, 70_000})
    void findsTheEndOfTheHeaderSectionWhereverItFallsInWhatIsRead(int headerOctets) throws Exception {
        String field = "X-Pad: " + "p".repeat(headerOctets - "X-Pad: \r\n\r\n".length()) + "\r\n";
        String header = field + "\r\n";
        ContentSink sink = spool(10_000).incoming().orElseThrow();
        sink.write((header + "body\r\n\r\nmore\r\n").getBytes(StandardCharsets.US_ASCII));

        try (MessageContent content = sink.finish()) {
            assertThat(new String(content.headerSection(), StandardCharsets.US_ASCII))
                    .isEqualTo(header);
        }
    }

    @Test
    void aMessageThatStartsWithTheEmptyLineHasAnEmptyHeaderSectionWhateverItsBodyHolds() throws Exception {
        ContentSink sink = spool(10_000).incoming().orElseThrow();
        sink.write("\r\nbody\r\n\r\nmore\r\n".getBytes(StandardCharsets.US_ASCII));

        try (MessageContent content = sink.finish()) {
            assertThat(content.headerSection()).containsExactly('\r', '\n');
        }
    }

    @Test
    void refusesAHeaderSectionLongerThanTheRelayReadsIntoMemory() throws Exception {
        ContentSink sink = spool(10_000).incoming().orElseThrow();
        byte[] field = "X-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int written = 0; written <= MessageContent.MAX_HEADER_OCTETS; written += field.length) {
            sink.write(field);
        }
        sink.write("\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

        try (MessageContent content = sink.finish()) {
            assertThatThrownBy(content::headerSection).isInstanceOf(MessageContent.HeaderSectionTooLarge.class);
        }
    }

    @Test
    void reservesTheThresholdPerMessageAndRefusesPastTheCap() throws Exception {
        Spool spool = spool(2 * THRESHOLD);
        ContentSink first = spool.incoming().orElseThrow();
        ContentSink second = spool.incoming().orElseThrow();

        assertThat(spool.incoming()).isEmpty();

        first.close();
        assertThat(spool.incoming()).isPresent();
        second.finish().close();
        assertThat(spool.inFlight().reserved()).isEqualTo(THRESHOLD);
    }

    @Test
    void cleaningDeletesSpoolFilesLeftByAPreviousRun() throws Exception {
        Files.writeString(directory.resolve("message-123.eml"), "left over");

        spool(10_000);

        assertThat(files()).isZero();
    }

    private Spool spool(long maxBytesInFlight) throws IOException {
        Spool spool = new Spool(directory, THRESHOLD, new InFlightBytes(maxBytesInFlight));
        spool.clean();
        return spool;
    }

    private long files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}

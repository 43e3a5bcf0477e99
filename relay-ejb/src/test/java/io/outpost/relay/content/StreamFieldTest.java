package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.MessageStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP's X-Outpost-Stream field: read case-insensitively, refused when it names no stream or comes twice, and taken
 * out of the message, folded lines and all, without touching the body, whether the message is in memory (in several
 * chunks) or in a spool file.
 */
class StreamFieldTest {

    private static final int THRESHOLD = 100_000;

    @TempDir
    Path directory;

    @Test
    void readsTheStreamTheFieldNames() {
        assertThat(StreamField.read(header("Subject: hi\r\n\r\n"))).isEqualTo(new StreamField.Absent());
        assertThat(StreamField.read(header("x-outpost-stream:  Bulk \r\nSubject: hi\r\n\r\n")))
                .isEqualTo(new StreamField.Named(MessageStream.BULK));
        assertThat(StreamField.read(header("X-Outpost-Stream: marketing\r\n\r\n")))
                .isEqualTo(new StreamField.Invalid("marketing"));
        assertThat(StreamField.read(header("X-Outpost-Stream: bulk\r\nX-Outpost-Stream: transactional\r\n\r\n")))
                .isInstanceOf(StreamField.Invalid.class);
    }

    @Test
    void takesTheFieldOutOfAMessageInMemoryAcrossChunksWithFieldsInFront() throws Exception {
        String body = "x".repeat(ContentSink.CHUNK * 2 + 17) + "\r\n";
        String message = "From: a@shop.example\r\nX-Outpost-Stream: bulk\r\n\tfolded on\r\nSubject: hi\r\n\r\n" + body;
        MessageContent content = received(message, THRESHOLD * 10).withFieldsInFront(header("Received: by test\r\n"));

        MessageContent sent = StreamField.removeInstructions(content, content.headerSection());

        String expected = "Received: by test\r\nFrom: a@shop.example\r\nSubject: hi\r\n\r\n" + body;
        assertWhole(sent, expected);
        assertThat(sent.spooled()).isFalse();
    }

    @Test
    void takesTheFieldOutOfASpooledMessageWithoutCopyingItsBody() throws Exception {
        String body = "line of the body\r\n".repeat(20_000);
        String message = "X-Outpost-Stream: transactional\r\nFrom: a@shop.example\r\n\r\n" + body;
        MessageContent content = received(message, THRESHOLD);
        assertThat(content.spooled()).isTrue();

        MessageContent sent = StreamField.removeInstructions(content, content.headerSection());

        assertWhole(sent, "From: a@shop.example\r\n\r\n" + body);
        assertThat(sent.withFieldsInFront(header("DKIM-Signature: x\r\n")).toByteArray())
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("DKIM-Signature: x\r\nFrom: a@shop.example\r\n\r\n" + body);
    }

    @Test
    void leavesAMessageWithoutTheFieldAsItIs() throws Exception {
        MessageContent content = received("Subject: hi\r\n\r\nbody\r\n", THRESHOLD);
        assertThat(StreamField.removeInstructions(content, content.headerSection()))
                .isSameAs(content);
    }

    private static void assertWhole(MessageContent content, String expected) throws Exception {
        byte[] wanted = expected.getBytes(StandardCharsets.US_ASCII);
        assertThat(content.size()).isEqualTo(wanted.length);
        assertThat(content.toByteArray()).isEqualTo(wanted);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        content.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(wanted);
        try (InputStream in = content.open()) {
            assertThat(in.readAllBytes()).isEqualTo(wanted);
        }
        assertThat(content.headerSection())
                .isEqualTo(
                        expected.substring(0, expected.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII));
    }

    private MessageContent received(String message, int threshold) throws Exception {
        Spool spool = new Spool(directory, threshold, new InFlightBytes(100L * 1024 * 1024));
        ContentSink sink = spool.incoming().orElseThrow();
        sink.write(message.getBytes(StandardCharsets.US_ASCII));
        return sink.finish();
    }

    private static byte[] header(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

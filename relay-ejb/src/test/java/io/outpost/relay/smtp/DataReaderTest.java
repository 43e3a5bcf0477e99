package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.Spool;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table-driven cases for the end-of-data rule, dot-unstuffing and bare line endings. */
class DataReaderTest {

    private static final Spool SPOOL = Spool.temporary(64 * 1024, 1 << 30);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'.\\r\\n'                       | ''",
                "'a\\r\\n.\\r\\n'                | 'a\\r\\n'",
                "'..a\\r\\n.\\r\\n'              | '.a\\r\\n'",
                "'a\\r\\n...\\r\\n.\\r\\n'       | 'a\\r\\n..\\r\\n'",
                "'a.\\r\\n.\\r\\n'               | 'a.\\r\\n'",
                "'a\\r\\n.b\\r\\n.\\r\\n'        | 'a\\r\\nb\\r\\n'"
            })
    void readsUpToCrLfDotCrLfAndRemovesOneLeadingDot(String wire, String expected) throws Exception {
        assertThat(new String(readAll(unescape(wire), BareLineEndingPolicy.REJECT), StandardCharsets.UTF_8))
                .isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'a\\n.\\nb\\r\\n.\\r\\n'        | 'a\\r\\n.\\r\\nb\\r\\n'",
                "'a\\n.\\r\\nb\\r\\n.\\r\\n'     | 'a\\r\\n.\\r\\nb\\r\\n'",
                "'a\\r.\\r\\nb\\r\\n.\\r\\n'     | 'a\\r\\n.\\r\\nb\\r\\n'",
                "'a\\r\\n.\\rb\\r\\n.\\r\\n'     | 'a\\r\\n\\r\\nb\\r\\n'",
                "'a\\r\\r\\n.\\r\\n'             | 'a\\r\\n\\r\\n'"
            })
    void normalisesBareLineEndingsWithoutEndingTheData(String wire, String expected) throws Exception {
        assertThat(new String(readAll(unescape(wire), BareLineEndingPolicy.NORMALISE), StandardCharsets.UTF_8))
                .isEqualTo(unescape(expected));
    }

    @Test
    void refusesBareLineFeedOnlyAfterTheRealEndOfData() throws Exception {
        BytesInput in = new BytesInput("a\n.\nQUIT\r\n.\r\nNOOP\r\n", 8192);
        DataReader reader = new DataReader(in, incoming(1000, BareLineEndingPolicy.REJECT));
        assertThatThrownBy(reader::read)
                .isInstanceOfSatisfying(SmtpRejection.class, rejection -> assertThat(rejection.reply())
                        .isEqualTo(Replies.BARE_LINE_ENDING_IN_DATA));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    @Test
    void refusesOverSizedMessageOnlyAfterTheRealEndOfData() throws Exception {
        BytesInput in = new BytesInput("0123456789\r\n.\r\nNOOP\r\n", 8192);
        DataReader reader = new DataReader(in, incoming(5, BareLineEndingPolicy.REJECT));
        assertThatThrownBy(reader::read)
                .isInstanceOfSatisfying(SmtpRejection.class, rejection -> assertThat(rejection.reply())
                        .isEqualTo(Replies.MESSAGE_TOO_BIG));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    @Test
    void reportsConnectionClosedBeforeEndOfData() {
        assertThatThrownBy(reader("a\r\n.", BareLineEndingPolicy.REJECT)::read)
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("DATA");
    }

    @ParameterizedTest(name = "blocks of {0}")
    @ValueSource(ints = {1, 2, 3, 7, 8192})
    void readsTheSameWhateverBlocksTheOctetsArriveInAndLeavesThePipelinedCommand(int block) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            body.append(i % 7 == 0 ? ".." : "")
                    .append("line ")
                    .append(i)
                    .append(i % 11 == 0 ? "\r" : "")
                    .append("\r\n");
        }
        String unstuffed = body.toString().replace("\r\n..", "\r\n.").replaceFirst("^\\.\\.", ".");
        BytesInput in = new BytesInput(body + ".\r\nQUIT\r\n", block);

        try (MessageContent content = new DataReader(in, incoming(100_000, BareLineEndingPolicy.NORMALISE)).read()) {
            assertThat(new String(content.toByteArray(), StandardCharsets.US_ASCII))
                    .isEqualTo(unstuffed.replace("\r\r\n", "\r\n\r\n"));
        }
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
    }

    /** The client's octets, at most {@code block} per read, as a socket may hand them over. */
    private static final class BytesInput extends ByteArrayInputStream implements RereadableInput {

        private final int block;
        private int lastRead;

        BytesInput(String wire, int block) {
            super(wire.getBytes(StandardCharsets.UTF_8));
            this.block = block;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            lastRead = Math.max(0, super.read(b, off, Math.min(len, block)));
            return lastRead == 0 && pos >= count ? -1 : lastRead;
        }

        @Override
        public void unread(int n) {
            // As ClientInput: only octets of the last read can be given back.
            assertThat(n).isBetween(0, lastRead);
            pos -= n;
            lastRead -= n;
        }
    }

    private static DataReader reader(String wire, BareLineEndingPolicy policy) {
        return new DataReader(new BytesInput(wire, 8192), incoming(1000, policy));
    }

    private static IncomingContent incoming(long maxOctets, BareLineEndingPolicy policy) {
        return new IncomingContent(SPOOL.incoming().orElseThrow(), maxOctets, policy);
    }

    private static byte[] readAll(String wire, BareLineEndingPolicy policy) throws Exception {
        try (MessageContent content = reader(wire, policy).read()) {
            return content.toByteArray();
        }
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}

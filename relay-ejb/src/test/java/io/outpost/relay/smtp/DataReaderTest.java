package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven cases for the end-of-data rule, dot-unstuffing and bare line endings. */
class DataReaderTest {

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
        InputStream in = new ByteArrayInputStream("a\n.\nQUIT\r\n.\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        DataReader reader = new DataReader(in, 1000, BareLineEndingPolicy.REJECT, OutputStream.nullOutputStream());
        assertThatThrownBy(reader::read)
                .isInstanceOfSatisfying(SmtpRejection.class, rejection -> assertThat(rejection.reply())
                        .isEqualTo(Replies.BARE_LINE_ENDING_IN_DATA));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    @Test
    void refusesOverSizedMessageOnlyAfterTheRealEndOfData() throws Exception {
        InputStream in = new ByteArrayInputStream("0123456789\r\n.\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        DataReader reader = new DataReader(in, 5, BareLineEndingPolicy.REJECT, OutputStream.nullOutputStream());
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

    private static DataReader reader(String wire, BareLineEndingPolicy policy) {
        return new DataReader(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)),
                1000,
                policy,
                OutputStream.nullOutputStream());
    }

    private static byte[] readAll(String wire, BareLineEndingPolicy policy) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        new DataReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), 1000, policy, content).read();
        return content.toByteArray();
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}

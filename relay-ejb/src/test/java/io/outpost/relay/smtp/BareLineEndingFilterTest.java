package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven cases for the one bare-line-ending rule of DATA and BDAT, written whole, split anywhere, or by octet. */
class BareLineEndingFilterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'a\\r\\nb\\r\\n'   | 'a\\r\\nb\\r\\n' | false",
                "''                 | ''               | false",
                "'a\\nb'            | 'a\\r\\nb'       | true",
                "'a\\rb'            | 'a\\r\\nb'       | true",
                "'a\\r\\r\\nb'      | 'a\\r\\n\\r\\nb' | true",
                "'a\\n\\rb'         | 'a\\r\\n\\r\\nb' | true",
                "'a\\r'             | 'a\\r\\n'        | true",
                "'\\n'              | '\\r\\n'         | true"
            })
    void normalisesOrRefusesTheSameWayHoweverTheContentIsSplit(String text, String normalised, boolean bare)
            throws IOException {
        byte[] content = unescape(text).getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= content.length; split++) {
            assertThat(filtered(content, split, BareLineEndingPolicy.NORMALISE).output)
                    .isEqualTo(unescape(normalised));
            Result rejecting = filtered(content, split, BareLineEndingPolicy.REJECT);
            assertThat(rejecting.refused).as("refused, split at %d", split).isEqualTo(bare);
            if (!bare) {
                assertThat(rejecting.output).isEqualTo(unescape(normalised));
            }
        }
        assertThat(octetByOctet(content)).isEqualTo(unescape(normalised));
    }

    private record Result(String output, boolean refused) {}

    private static Result filtered(byte[] content, int split, BareLineEndingPolicy policy) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BareLineEndingFilter filter = new BareLineEndingFilter(out, policy);
        filter.write(content, 0, split);
        filter.write(content, split, content.length - split);
        filter.finish();
        return new Result(out.toString(StandardCharsets.US_ASCII), filter.refused());
    }

    private static String octetByOctet(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BareLineEndingFilter filter = new BareLineEndingFilter(out, BareLineEndingPolicy.NORMALISE);
        for (byte b : content) {
            filter.write(b);
        }
        filter.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}

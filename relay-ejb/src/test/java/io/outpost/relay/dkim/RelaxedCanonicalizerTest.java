package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6376 §3.4.2 and §3.4.4 relaxed canonicalization, case by case ("|" stands for CRLF in the tables). */
class RelaxedCanonicalizerTest {

    @ParameterizedTest(name = "header [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '#',
            value = {
                // RFC 6376 §3.4.5 example
                "'A: X'                            # 'a:X|'",
                "'B : Y\t|\tZ  '                   # 'b:Y Z|'",
                "'Subject:   lead and trail  \t '   # 'subject:lead and trail|'",
                "'SUBJECT:a|  b| \tc'               # 'subject:a b c|'",
                "'X-Empty:   '                      # 'x-empty:|'",
                "'Subject: Grüße  aus\tKöln'        # 'subject:Grüße aus Köln|'",
            })
    void canonicalizesHeaderField(String raw, String expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RelaxedCanonicalizer.header(wire(raw), true, out);

        assertThat(out.toString(UTF_8)).isEqualTo(expected.replace("|", "\r\n"));
    }

    @ParameterizedTest(name = "body [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '#',
            value = {
                // RFC 6376 §3.4.5 example
                "' C |D \t E|||'  # ' C|D E|'",
                "'a|'              # 'a|'",
                "'a'               # 'a|'",
                "''                # ''",
                "'|||'             # ''",
                "' \t| |'          # ''",
                "'a||b|| \t||'     # 'a||b|'",
                "'\ta  \t b\t|'    # ' a b|'",
            })
    void canonicalizesBody(String body, String expected) throws Exception {
        MessageDigest digest = new RecordingDigest();

        RelaxedCanonicalizer.body(wire(body), 0, digest);

        assertThat(((RecordingDigest) digest).recorded()).isEqualTo(expected.replace("|", "\r\n"));
    }

    @Test
    void splitsFoldedFieldsAndFindsTheBody() {
        byte[] message = wire("From: a@example.com|Subject: one|\ttwo|To: b@example.org||body|");

        RelaxedCanonicalizer.Parsed parsed = RelaxedCanonicalizer.parse(message);

        assertThat(parsed.fields().stream()
                        .map(f -> f.name() + "=" + new String(f.raw(), UTF_8))
                        .collect(Collectors.joining(";")))
                .isEqualTo("from=From: a@example.com;subject=Subject: one\r\n\ttwo;to=To: b@example.org");
        assertThat(new String(message, parsed.bodyStart(), message.length - parsed.bodyStart(), UTF_8))
                .isEqualTo("body\r\n");
    }

    @Test
    void rejectsBareLineFeeds() {
        assertThatThrownBy(() -> RelaxedCanonicalizer.parse("From: a@example.com\n\nbody\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CRLF");
    }

    private static byte[] wire(String table) {
        return table.replace("|", "\r\n").getBytes(UTF_8);
    }

    /** A MessageDigest that keeps what it is fed, to see the canonical bytes themselves. */
    private static final class RecordingDigest extends MessageDigest {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        RecordingDigest() {
            super("recording");
        }

        String recorded() {
            return bytes.toString(UTF_8);
        }

        @Override
        protected void engineUpdate(byte input) {
            bytes.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            bytes.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return new byte[0];
        }

        @Override
        protected void engineReset() {
            bytes.reset();
        }
    }
}

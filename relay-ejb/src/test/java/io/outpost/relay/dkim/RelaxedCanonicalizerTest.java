package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 6376 §3.4.2 and §3.4.4 relaxed canonicalization and the split of the header section, case by case ("|" stands
 * for CRLF in the tables, "\n" and "\r" for a bare LF and CR).
 */
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

        byte[] field = wire(raw);
        RelaxedCanonicalizer.header(field, 0, field.length, true, out);

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
        RecordingDigest whole = new RecordingDigest();
        RecordingDigest byteByByte = new RecordingDigest();

        RelaxedBody fedWhole = new RelaxedBody(whole);
        fedWhole.update(wire(body), 0, wire(body).length);
        fedWhole.hash();
        // A stream hands the body over in pieces; a CRLF or a run of WSP may be split between two of them.
        RelaxedBody fedInPieces = new RelaxedBody(byteByByte);
        for (byte b : wire(body)) {
            fedInPieces.update(new byte[] {b}, 0, 1);
        }
        fedInPieces.hash();

        assertThat(whole.recorded()).isEqualTo(expected.replace("|", "\r\n"));
        assertThat(byteByByte.recorded()).isEqualTo(whole.recorded());
    }

    @Test
    void splitsFoldedFieldsAndFindsTheBody() throws Exception {
        byte[] message = wire("From: a@example.com|Subject: one|\ttwo|To: b@example.org||body|");

        RelaxedCanonicalizer.Parsed parsed = RelaxedCanonicalizer.parse(message, 1000);

        assertThat(parsed.fields().stream()
                        .map(f -> f.name() + "=" + new String(message, f.start(), f.end() - f.start(), UTF_8))
                        .collect(Collectors.joining(";")))
                .isEqualTo("from=From: a@example.com;subject=Subject: one\r\n\ttwo;to=To: b@example.org");
        assertThat(new String(message, parsed.bodyStart(), message.length - parsed.bodyStart(), UTF_8))
                .isEqualTo("body\r\n");
    }

    @Test
    void aMessageWithoutTheEmptyLineIsAllHeader() throws Exception {
        byte[] message = wire("From: a@example.com|Subject: one|");

        RelaxedCanonicalizer.Parsed parsed = RelaxedCanonicalizer.parse(message, 1000);

        assertThat(parsed.fields()).extracting(RelaxedCanonicalizer.Field::end).containsExactly(19, 33);
        assertThat(parsed.bodyStart()).isEqualTo(message.length);
    }

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(
            delimiter = '#',
            value = {
                "'From: a|no colon here||body|'   # header line 2 is not a header field: it has no colon",
                "' folded|From: a||'               # header line 1 starts with white space",
                "'From: a|: no name||'             # header line 2 has no field name before its colon",
                "'From: a|To: b\\nCc: c||'        # header line 2 has a bare LF",
                "'From: a\\r|To: b||'             # header line 1 has a bare CR",
                "'From: a|To: b\\r'               # header line 2 has a bare CR",
            })
    void refusesAHeaderSectionItCannotSplitNamingTheLine(String message, String problem) {
        byte[] bytes = wire(message.replace("\\n", "\n").replace("\\r", "\r"));

        assertThatThrownBy(() -> RelaxedCanonicalizer.parse(bytes, 1000))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void refusesAHeaderSectionLongerThanTheLimitWithoutReadingPastIt() throws Exception {
        byte[] atLimit = wire("From: a|X: " + "x".repeat(86) + "||body|"); // 100 octets of header, then CRLF
        byte[] overLimit = wire("From: a|X: " + "x".repeat(87) + "||body|");
        // A bare LF past the limit would be reported if the parser read that far.
        byte[] longLine = wire("From: a|X: " + "x".repeat(200) + "\n" + "y".repeat(1_000_000));

        assertThat(RelaxedCanonicalizer.parse(atLimit, 100).bodyStart()).isEqualTo(102);
        for (byte[] tooLong : List.of(overLimit, longLine)) {
            assertThatThrownBy(() -> RelaxedCanonicalizer.parse(tooLong, 100))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("the header section is longer than 100 octets");
        }
    }

    @Test
    void refusesABodyWithABareLineEndOnceItIsHashed() {
        for (String body : List.of("a\nb\r\n", "a\rb\r\n", "a\r")) {
            RelaxedBody hash = new RelaxedBody(new RecordingDigest());
            hash.update(body.getBytes(UTF_8), 0, body.length());

            assertThatThrownBy(hash::hash)
                    .as(body)
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("bare CR or LF at octet 1");
        }
    }

    @Test
    void canonicalizationCostIsLinearOnPathologicalInput() throws Exception {
        // Lines of nothing but white space, and a header field folded over and over.
        byte[] smallBody = " \t".repeat(200_000).concat("\r\n").repeat(5).getBytes(UTF_8);
        byte[] largeBody = " \t".repeat(2_000_000).concat("\r\n").repeat(5).getBytes(UTF_8);
        byte[] smallField = ("X:" + " a\t \r\n".repeat(100_000) + " b").getBytes(UTF_8);
        byte[] largeField = ("X:" + " a\t \r\n".repeat(1_000_000) + " b").getBytes(UTF_8);

        double body = LinearCost.ratio(() -> bodyHash(smallBody), () -> bodyHash(largeBody));
        double header = LinearCost.ratio(
                () -> RelaxedCanonicalizer.header(smallField, 0, smallField.length, true, new ByteArrayOutputStream()),
                () -> RelaxedCanonicalizer.header(largeField, 0, largeField.length, true, new ByteArrayOutputStream()));

        assertThat(body).as("body, 10 times the input").isLessThan(30);
        assertThat(header).as("header, 10 times the input").isLessThan(30);
    }

    private static void bodyHash(byte[] body) throws Exception {
        RelaxedBody hash = new RelaxedBody(MessageDigest.getInstance("SHA-256"));
        hash.update(body, 0, body.length);
        hash.hash();
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

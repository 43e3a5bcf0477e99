package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MimeComposerTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final MimeComposer composer = new MimeComposer();

    @Test
    void endsEveryLineWithCrlf() {
        byte[] bytes = composer.compose(message()
                .subject("A subject long enough to be folded by Jakarta Mail: " + "wörter ".repeat(20))
                .text("one\ntwo\rthree\r\nfour\n")
                .html("<p>one\n<p>two\r<p>three")
                .header("X-Long", "value ".repeat(40))
                .build());

        assertOnlyCrlf(bytes);
    }

    @Test
    void writesTheAddressAndSubjectFields() throws Exception {
        MimeMessage parsed = parse(composer.compose(
                message().cc("carol@example.net").replyTo("help@shop.example").build()));

        assertThat(parsed.getFrom()).extracting(Object::toString).containsExactly("Shop <news@shop.example>");
        assertThat(parsed.getRecipients(RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("ann@example.net", "Bob <bob@example.org>");
        assertThat(parsed.getRecipients(RecipientType.CC))
                .extracting(Object::toString)
                .containsExactly("carol@example.net");
        assertThat(parsed.getReplyTo()).extracting(Object::toString).containsExactly("help@shop.example");
        assertThat(parsed.getSubject()).isEqualTo("Spring sale");
        assertThat(parsed.getHeader("MIME-Version")).containsExactly("1.0");
    }

    @Test
    void writesAnInternationalisedAddressInUtf8AndOnlyThen() {
        String utf8 = new String(
                composer.compose(message().to("Jörg <jörg@bücher.example>").build()), StandardCharsets.UTF_8);
        String ascii = new String(
                composer.compose(message().to("Zoë <zoe@example.net>").build()), StandardCharsets.UTF_8);

        // RFC 6532 §3.2: a message that needs SMTPUTF8 anyway carries the whole field in UTF-8; one that does not keeps
        // to ASCII, its display name an encoded word (RFC 2047).
        assertThat(utf8).contains("To: \"Jörg\" <jörg@bücher.example>\r\n");
        assertThat(ascii).contains("To: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.net>\r\n");
        assertThat(ascii.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void writesNoCcOrReplyToFieldWhenThereAreNone() throws Exception {
        MimeMessage parsed = parse(composer.compose(message().build()));

        assertThat(parsed.getHeader("Cc")).isNull();
        assertThat(parsed.getHeader("Reply-To")).isNull();
    }

    @Test
    void writesNoBccField() throws Exception {
        byte[] bytes = composer.compose(message().bcc("secret@hidden.example").build());

        assertThat(parse(bytes).getHeader("Bcc")).isNull();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .as("the Bcc recipient appears nowhere in the message")
                .doesNotContain("secret@hidden.example");
    }

    @Test
    void writesNoMessageIdField() throws Exception {
        assertThat(parse(composer.compose(message().build())).getHeader("Message-ID"))
                .isNull();
    }

    @Test
    void writesNoDateField() throws Exception {
        assertThat(parse(composer.compose(message().build())).getHeader("Date"))
                .as("MimeComposer promises no Date (intake adds it), but MimeMessage.saveChanges() adds one")
                .isNull();
    }

    @Test
    void encodesANonAsciiSubjectAsAnEncodedWord() throws Exception {
        byte[] bytes = composer.compose(
                message().subject("Grüße aus Köln – 50 % Rabatt €").build());

        assertThat(nonAsciiHeaderLines(bytes))
                .as("header lines with raw non-ASCII octets")
                .isEmpty();
        assertThat(parse(bytes).getHeader("Subject")[0]).containsIgnoringCase("=?UTF-8?");
        assertThat(parse(bytes).getSubject()).isEqualTo("Grüße aus Köln – 50 % Rabatt €");
    }

    @Test
    void encodesANonAsciiDisplayNameAsAnEncodedWord() throws Exception {
        byte[] bytes = composer.compose(message()
                .from("Jörg Müller <joerg@shop.example>")
                .to("Zoë <zoe@example.net>")
                .cc("Søren <soren@example.net>")
                .replyTo("Hilfe für Kunden <help@shop.example>")
                .build());

        assertThat(nonAsciiHeaderLines(bytes))
                .as("header lines with raw non-ASCII octets; display names parsed by MessageRequest.address"
                        + " must be written as RFC 2047 encoded words")
                .isEmpty();
        MimeMessage parsed = parse(bytes);
        assertThat(parsed.getHeader("From")[0]).containsIgnoringCase("=?UTF-8?");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Jörg Müller");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("joerg@shop.example");
        assertThat(((InternetAddress) parsed.getRecipients(RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Zoë");
        assertThat(((InternetAddress) parsed.getRecipients(RecipientType.CC)[0]).getPersonal())
                .isEqualTo("Søren");
        assertThat(((InternetAddress) parsed.getReplyTo()[0]).getPersonal()).isEqualTo("Hilfe für Kunden");
    }

    @Test
    void sendsTextAndHtmlAsMultipartAlternativeInThatOrder() throws Exception {
        MimeMessage parsed = parse(
                composer.compose(message().text("Hi Ann").html("<p>Hi Ann</p>").build()));

        assertThat(parsed.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Hi Ann");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternative.getBodyPart(1).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Hi Ann</p>");
    }

    @Test
    void sendsHtmlAloneAsASingleHtmlPart() throws Exception {
        MimeMessage parsed =
                parse(composer.compose(message().text(null).html("<p>Grüße</p>").build()));

        assertThat(parsed.isMimeType("text/html")).isTrue();
        assertThat(parsed.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(parsed.getContent()).isEqualTo("<p>Grüße</p>");
    }

    @Test
    void sendsTextAloneAsASinglePlainPart() throws Exception {
        MimeMessage parsed = parse(composer.compose(message().text("Hi Ann").build()));

        assertThat(parsed.isMimeType("text/plain")).isTrue();
        assertThat(parsed.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(parsed.getContent()).isEqualTo("Hi Ann");
    }

    static Stream<Arguments> lineEnds() {
        return Stream.of(
                Arguments.of("one\ntwo", "one\r\ntwo"),
                Arguments.of("one\rtwo", "one\r\ntwo"),
                Arguments.of("one\r\ntwo", "one\r\ntwo"),
                Arguments.of("one\n\ntwo", "one\r\n\r\ntwo"),
                Arguments.of("one\r\r\ntwo", "one\r\n\r\ntwo"),
                Arguments.of("one\n\rtwo", "one\r\n\r\ntwo"),
                Arguments.of("ends with a break\n", "ends with a break\r\n"),
                Arguments.of("Grüße\nfrom Köln\r€ 5\r\n日本語", "Grüße\r\nfrom Köln\r\n€ 5\r\n日本語"),
                Arguments.of("trailing space \nand tab\t\n", "trailing space \r\nand tab\t\r\n"),
                Arguments.of("=3D looks encoded\n.\nFrom the start", "=3D looks encoded\r\n.\r\nFrom the start"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("lineEnds")
    void turnsBareLineEndsIntoCrlfAndKeepsTheTextExactly(String text, String expected) throws Exception {
        byte[] bytes = composer.compose(message().text(text).build());

        assertOnlyCrlf(bytes);
        assertThat(parse(bytes).getContent()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("lineEnds")
    void turnsBareLineEndsIntoCrlfInBothAlternativeParts(String text, String expected) throws Exception {
        byte[] bytes = composer.compose(message().text(text).html(text).build());

        assertOnlyCrlf(bytes);
        MimeMultipart alternative = (MimeMultipart) parse(bytes).getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(expected);
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(expected);
    }

    static Stream<Arguments> longLines() {
        return Stream.of(
                Arguments.of("ascii", "x".repeat(2000)),
                Arguments.of("non-ascii", "ü".repeat(2000)),
                Arguments.of("between short lines", "short\n" + "y".repeat(2000) + "\nshort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longLines")
    void sendsALongLineWithATransferEncodingThatKeepsLinesWithin998Octets(String name, String line) throws Exception {
        for (Composition composition : List.of(
                message().text(line).build(),
                message().text(null).html(line).build(),
                message().text(line).html(line).build())) {
            byte[] bytes = composer.compose(composition);

            assertThat(longestLine(bytes))
                    .as("longest output line, in octets, for %s", partsOf(composition))
                    .isLessThanOrEqualTo(998);
            MimeMessage parsed = parse(bytes);
            for (Part part : leaves(parsed)) {
                assertThat(((MimePart) part).getEncoding()).isIn("quoted-printable", "base64");
                assertThat(part.getContent()).isEqualTo(line.replace("\n", "\r\n"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Hello Ann,7bit", "Grüße aus Köln,quoted-printable", "日本語のお知らせです,base64"})
    void choosesEachTextPartsTransferEncodingFromItsBytesAsJakartaMailWould(String text, String encoding)
            throws Exception {
        for (Composition composition : List.of(
                message().text(text).build(),
                message().text(null).html(text).build(),
                message().text(text).html(text).build())) {
            MimeMessage parsed = parse(composer.compose(composition));

            for (Part part : leaves(parsed)) {
                assertThat(((MimePart) part).getEncoding())
                        .as(partsOf(composition))
                        .isEqualTo(encoding);
                assertThat(part.getContent()).isEqualTo(text);
            }
        }
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("ascii", "Hi Ann,\nyour order has shipped."),
                Arguments.of("latin", "Grüße aus Köln\n€ 5"),
                Arguments.of("cjk", "日本語のお知らせです"),
                Arguments.of("long line", "x".repeat(2000)),
                Arguments.of("html", "<p>Hi <b>Ann</b></p>\n<a href=\"https://shop.example/a?b=c&d=e\">shop</a>"));
    }

    // Composing writes the text's bytes and header lines itself, for speed: the octets must be those Jakarta Mail
    // writes
    // when left to do it all from the text.
    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void writesTheOctetsJakartaMailWritesFromTheTextAlone(String name, String text) throws Exception {
        for (Composition composition : List.of(
                message().text(text).build(),
                message().text(null).html(text).build(),
                message().text(text).html(text).build(),
                message().to("ännchen@bücher.example").text(text).html(text).build())) {
            assertThat(sameBoundaries(composer.compose(composition)))
                    .as(partsOf(composition))
                    .isEqualTo(sameBoundaries(jakartaMailsOwn(composition)));
        }
    }

    // The same message as Jakarta Mail writes it by itself: text set as a String, encodings chosen by saveChanges.
    private static byte[] jakartaMailsOwn(Composition composition) throws Exception {
        boolean utf8 = !composition.to().get(0).getAddress().chars().allMatch(c -> c < 0x80);
        Properties properties = new Properties();
        properties.setProperty("mail.mime.encodeeol.strict", "true");
        properties.setProperty("mail.mime.allowutf8", Boolean.toString(utf8));
        MimeMessage mime = new MimeMessage(Session.getInstance(properties));
        mime.setFrom(new InternetAddress(
                composition.from().getAddress(), composition.from().getPersonal(), "UTF-8"));
        InternetAddress[] to = new InternetAddress[composition.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(
                    composition.to().get(i).getAddress(),
                    composition.to().get(i).getPersonal(),
                    "UTF-8");
        }
        mime.setRecipients(RecipientType.TO, to);
        mime.setSubject(composition.subject(), "UTF-8");
        String text = composition.text().map(MimeComposerTest::crlf).orElse(null);
        String html = composition.html().map(MimeComposerTest::crlf).orElse(null);
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            mime.setContent(alternative, alternative.getContentType());
        } else if (html != null) {
            mime.setText(html, "UTF-8", "html");
        } else {
            mime.setText(text, "UTF-8", "plain");
        }
        mime.saveChanges();
        mime.removeHeader("Date");
        mime.removeHeader("Message-ID");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        return out.toByteArray();
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    // Multipart boundaries are random: each becomes the same placeholder so that two messages can be compared.
    private static String sameBoundaries(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher boundary = Pattern.compile("boundary=\"([^\"]+)\"").matcher(text);
        List<String> found = new ArrayList<>();
        while (boundary.find()) {
            found.add(boundary.group(1));
        }
        for (int i = 0; i < found.size(); i++) {
            text = text.replace(found.get(i), "BOUNDARY-" + i);
        }
        return text;
    }

    @Test
    void writesExtraHeadersWithTheirValuesInOrder() throws Exception {
        byte[] bytes = composer.compose(message()
                .header("X-Zeta", "last letter")
                .header("X-Campaign", "spring")
                .header("List-Unsubscribe", "<mailto:unsubscribe@shop.example>")
                .build());
        MimeMessage parsed = parse(bytes);

        assertThat(parsed.getHeader("X-Zeta")).containsExactly("last letter");
        assertThat(parsed.getHeader("X-Campaign")).containsExactly("spring");
        assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<mailto:unsubscribe@shop.example>");
        String headers = headerSection(bytes);
        assertThat(headers.indexOf("X-Zeta:"))
                .isLessThan(headers.indexOf("X-Campaign:"))
                .isLessThan(headers.indexOf("List-Unsubscribe:"));
    }

    @Test
    void encodesANonAsciiExtraHeaderValue() throws Exception {
        byte[] bytes = composer.compose(
                message().header("X-Greeting", "Grüße aus Köln").build());

        assertThat(nonAsciiHeaderLines(bytes))
                .as("header lines with raw non-ASCII octets")
                .isEmpty();
        String raw = parse(bytes).getHeader("X-Greeting")[0];
        assertThat(raw).containsIgnoringCase("=?UTF-8?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(raw))).isEqualTo("Grüße aus Köln");
    }

    @Test
    void foldsALongExtraHeaderValueWithoutChangingIt() throws Exception {
        String value = "token".repeat(5) + " " + "word ".repeat(60).trim();
        byte[] bytes = composer.compose(message().header("X-Long", value).build());

        assertOnlyCrlf(bytes);
        assertThat(longestLine(bytes)).isLessThanOrEqualTo(998);
        String raw = parse(bytes).getHeader("X-Long")[0];
        assertThat(MimeUtility.unfold(raw)).isEqualTo(value);
    }

    private static void assertOnlyCrlf(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r')
                        .as("bare LF at octet %d: ...%s", i, around(bytes, i))
                        .isTrue();
            } else if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n')
                        .as("bare CR at octet %d: ...%s", i, around(bytes, i))
                        .isTrue();
            }
        }
    }

    private static String around(byte[] bytes, int i) {
        int from = Math.max(0, i - 20);
        int to = Math.min(bytes.length, i + 20);
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r")
                .replace("\n", "\\n");
    }

    private static int longestLine(byte[] bytes) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                longest = Math.max(longest, i - start - (i > start && bytes[i - 1] == '\r' ? 1 : 0));
                start = i + 1;
            }
        }
        return Math.max(longest, bytes.length - start);
    }

    private static String headerSection(byte[] bytes) {
        String message = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = message.indexOf("\r\n\r\n");
        assertThat(end).as("a blank line ends the header section").isPositive();
        return message.substring(0, end + 2);
    }

    /** The header lines (decoded as UTF-8 for reading) that hold an octet outside US-ASCII. */
    private static List<String> nonAsciiHeaderLines(byte[] bytes) {
        String headers = new String(headerSection(bytes).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return headers.lines()
                .filter(line -> line.chars().anyMatch(c -> c > 127))
                .toList();
    }

    private static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    private static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    private static String partsOf(Composition composition) {
        return (composition.text().isPresent() ? "text" : "")
                + (composition.html().isPresent() ? "+html" : "");
    }

    @Test
    void putsInlineImagesInRelatedAndFilesInMixedAroundTheAlternatives() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        byte[] bytes = composer.compose(message()
                .text("Hi Ann")
                .html("<p>Hi Ann <img src=\"cid:logo@shop\"></p>")
                .attach("Rechnung März.pdf", "application/pdf", pdf, null)
                .attach("logo.png", "image/png", png, "logo@shop")
                .build());
        MimeMessage parsed = parse(bytes);

        assertOnlyCrlf(bytes);
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/related");
        MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(related.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        Part logo = related.getBodyPart(1);
        assertThat(logo.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(((MimePart) logo).getContentID()).isEqualTo("<logo@shop>");
        assertThat(logo.getInputStream().readAllBytes()).isEqualTo(png);
        Part invoice = mixed.getBodyPart(1);
        assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(MimeUtility.decodeText(invoice.getFileName())).isEqualTo("Rechnung März.pdf");
        assertThat(invoice.getContentType()).startsWith("application/pdf");
        assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aFileWithoutInlineImagesGoesInMixedAndAnInlineImageAloneInRelated() throws Exception {
        MimeMessage attached = parse(composer.compose(message()
                .attach("a.txt", "text/plain", "x".getBytes(StandardCharsets.US_ASCII), null)
                .build()));
        MimeMessage inline = parse(composer.compose(message()
                .text(null)
                .html("<img src=\"cid:i@x\">")
                .attach("i.png", "image/png", new byte[] {1}, "i@x")
                .build()));

        assertThat(attached.getContentType()).startsWith("multipart/mixed");
        assertThat(((MimeMultipart) attached.getContent()).getBodyPart(0).getContentType())
                .startsWith("text/plain");
        assertThat(inline.getContentType()).startsWith("multipart/related");
        assertThat(((MimeMultipart) inline.getContent()).getBodyPart(0).getContentType())
                .startsWith("text/html");
    }

    private static Builder message() {
        return new Builder();
    }

    /** A valid composition to change one field of; addresses go through the parser the API uses. */
    private static final class Builder {

        private InternetAddress from = address("Shop <news@shop.example>");
        private List<InternetAddress> to = List.of(address("ann@example.net"), address("Bob <bob@example.org>"));
        private final List<InternetAddress> cc = new ArrayList<>();
        private final List<InternetAddress> bcc = new ArrayList<>();
        private Optional<InternetAddress> replyTo = Optional.empty();
        private String subject = "Spring sale";
        private String text = "Hi Ann";
        private String html;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Attachment> attachments = new ArrayList<>();

        Builder attach(String fileName, String type, byte[] content, String contentId) {
            attachments.add(new Attachment(fileName, type, content, Optional.ofNullable(contentId)));
            return this;
        }

        Builder from(String address) {
            from = address(address);
            return this;
        }

        Builder to(String address) {
            to = List.of(address(address));
            return this;
        }

        Builder cc(String address) {
            cc.add(address(address));
            return this;
        }

        Builder bcc(String address) {
            bcc.add(address(address));
            return this;
        }

        Builder replyTo(String address) {
            replyTo = Optional.of(address(address));
            return this;
        }

        Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        Builder text(String text) {
            this.text = text;
            return this;
        }

        Builder html(String html) {
            this.html = html;
            return this;
        }

        Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Composition build() {
            return new Composition(
                    from,
                    to,
                    cc,
                    bcc,
                    replyTo,
                    subject,
                    Optional.ofNullable(text),
                    Optional.ofNullable(html),
                    headers,
                    attachments);
        }

        private static InternetAddress address(String text) {
            return MessageRequest.address(text);
        }
    }
}

package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.internet.InternetAddress;
import java.io.StringReader;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRequestTest {

    private static final int LIMIT = 50;

    @Test
    void parsesAFullRequestIntoAComposition() {
        JsonObject body = Json.createObjectBuilder()
                .add("from", "Shop <news@shop.example>")
                .add("to", Json.createArrayBuilder().add("ann@example.net").add("Bob <bob@example.org>"))
                .add("cc", Json.createArrayBuilder().add("carol@example.net"))
                .add("bcc", Json.createArrayBuilder().add("audit@shop.example"))
                .add("replyTo", "help@shop.example")
                .add("subject", "Spring sale")
                .add("text", "plain text")
                .add("html", "<p>html</p>")
                .add(
                        "headers",
                        Json.createObjectBuilder()
                                .add("X-Zeta", "last letter")
                                .add("X-Campaign", "spring")
                                .add("List-Unsubscribe", "<mailto:unsubscribe@shop.example>"))
                .build();

        Composition message = MessageRequest.parse(body, LIMIT);

        assertThat(message.from().getAddress()).isEqualTo("news@shop.example");
        assertThat(message.from().getPersonal()).isEqualTo("Shop");
        assertThat(message.to())
                .extracting(InternetAddress::getAddress)
                .containsExactly("ann@example.net", "bob@example.org");
        assertThat(message.to().get(1).getPersonal()).isEqualTo("Bob");
        assertThat(message.cc()).extracting(InternetAddress::getAddress).containsExactly("carol@example.net");
        assertThat(message.bcc()).extracting(InternetAddress::getAddress).containsExactly("audit@shop.example");
        assertThat(message.replyTo()).map(InternetAddress::getAddress).contains("help@shop.example");
        assertThat(message.subject()).isEqualTo("Spring sale");
        assertThat(message.text()).contains("plain text");
        assertThat(message.html()).contains("<p>html</p>");
        assertThat(message.headers())
                .containsExactly(
                        entry("X-Zeta", "last letter"),
                        entry("X-Campaign", "spring"),
                        entry("List-Unsubscribe", "<mailto:unsubscribe@shop.example>"));
    }

    @Test
    void parsesAMinimalRequestWithNoOptionalFields() {
        Composition message = MessageRequest.parse(valid().build(), LIMIT);

        assertThat(message.cc()).isEmpty();
        assertThat(message.bcc()).isEmpty();
        assertThat(message.replyTo()).isEmpty();
        assertThat(message.html()).isEmpty();
        assertThat(message.headers()).isEmpty();
    }

    @Test
    void acceptsHtmlWithoutText() {
        Composition message = MessageRequest.parse(
                valid().remove("text").add("html", "<p>hi</p>").build(), LIMIT);

        assertThat(message.text()).isEmpty();
        assertThat(message.html()).contains("<p>hi</p>");
    }

    @Test
    void namesEveryMissingRequiredFieldInOneProblem() {
        Problem problem = problemFor(JsonValue.EMPTY_JSON_OBJECT);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.VALIDATION);
        assertThat(problem.invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder("from", "to", "subject", "text");
    }

    @Test
    void treatsAMissingBodyAsAllFieldsMissing() {
        ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> MessageRequest.parse(null, LIMIT));

        assertThat(thrown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder("from", "to", "subject", "text");
    }

    @Test
    void treatsNullRequiredFieldsAsMissing() {
        JsonObject body = Json.createObjectBuilder()
                .addNull("from")
                .addNull("to")
                .addNull("subject")
                .addNull("text")
                .addNull("html")
                .build();

        assertThat(invalidNames(body)).containsExactlyInAnyOrder("from", "to", "subject", "text");
    }

    @ParameterizedTest(name = "to[1] = \"{0}\"")
    @ValueSource(
            strings = {
                "not an address",
                "a@",
                "@example.test",
                "undisclosed-recipients:;",
                "Team: ann@example.net, bob@example.net;",
                "ann@example.net, bob@example.net",
                "",
                // RFC 5321 §4.5.3.1.1: a local part is at most 64 octets.
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.test"
            })
    void rejectsAnUnusableRecipientNamingItsIndex(String address) {
        JsonObject body = valid().add(
                        "to", Json.createArrayBuilder().add("ann@example.net").add(address))
                .build();

        assertThat(invalidNames(body)).containsExactly("to[1]");
    }

    @Test
    void acceptsAnInternationalisedAddressWhichThenNeedsSmtpUtf8() {
        Composition message = MessageRequest.parse(
                valid().add("to", Json.createArrayBuilder().add("Jörg <jörg@bücher.example>"))
                        .build(),
                100);

        assertThat(message.to()).singleElement().satisfies(to -> {
            assertThat(to.getAddress()).isEqualTo("jörg@bücher.example");
            assertThat(to.getPersonal()).isEqualTo("Jörg");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from", "replyTo"})
    void rejectsAGroupOrNonAddressInASingleAddressField(String field) {
        assertThat(invalidNames(valid().add(field, "undisclosed-recipients:;").build()))
                .containsExactly(field);
        assertThat(invalidNames(valid().add(field, "not an address").build())).containsExactly(field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cc", "bcc"})
    void rejectsAnUnusableCopyRecipientNamingItsIndex(String field) {
        JsonObject body = valid().add(
                        field, Json.createArrayBuilder().add("ok@example.net").add("a@"))
                .build();

        assertThat(invalidNames(body)).containsExactly(field + "[1]");
    }

    @Test
    void rejectsANonStringRecipient() {
        JsonObject body = valid().add("to", Json.createArrayBuilder().add(42)).build();

        assertThat(invalidNames(body)).containsExactly("to[0]");
    }

    @Test
    void rejectsAnEmptyToArray() {
        JsonObject body = valid().add("to", JsonValue.EMPTY_JSON_ARRAY)
                .add("cc", Json.createArrayBuilder().add("carol@example.net"))
                .build();

        assertThat(invalidNames(body)).containsExactly("to");
    }

    @Test
    void rejectsToThatIsNotAnArray() {
        assertThat(invalidNames(valid().add("to", "ann@example.net").build())).containsExactly("to");
    }

    @Test
    void acceptsExactlyTheRecipientLimitAcrossToCcAndBcc() {
        JsonObject body = withRecipients(2, 1, 1);

        assertThat(MessageRequest.parse(body, 4).bcc()).hasSize(1);
    }

    @Test
    void rejectsMoreRecipientsThanTheLimitAcrossToCcAndBcc() {
        JsonObject body = withRecipients(2, 1, 1);

        Problem problem = problemFor(body, 3);

        assertThat(problem.invalidParams()).extracting(InvalidParam::name).containsExactly("to");
        assertThat(problem.invalidParams().get(0).reason()).contains("3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"line\rbreak", "line\nbreak", "Hi\r\nBcc: x@evil.test", "trailing\n"})
    void rejectsASubjectWithALineBreak(String subject) {
        assertThat(invalidNames(valid().add("subject", subject).build())).containsExactly("subject");
    }

    @Test
    void rejectsASubjectLongerThan998Characters() {
        assertThat(MessageRequest.parse(valid().add("subject", "s".repeat(998)).build(), LIMIT)
                        .subject())
                .hasSize(998);
        assertThat(invalidNames(valid().add("subject", "s".repeat(999)).build()))
                .containsExactly("subject");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Bad Name", "X:Y", "", "X-Ünïcode", "X\tTab"})
    void rejectsAHeaderWhoseNameIsNotAFieldName(String name) {
        JsonObject body = valid().add("headers", Json.createObjectBuilder().add(name, "v"))
                .build();

        assertThat(invalidNames(body)).containsExactly("headers." + name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "From",
                "to",
                "CC",
                "Bcc",
                "Reply-To",
                "Subject",
                "Date",
                "Message-ID",
                "Sender",
                "Received",
                "RECEIVED",
                "Return-Path",
                "dkim-signature",
                "DKIM-Signature",
                "ARC-Seal",
                "Authentication-Results",
                "MIME-Version",
                "Content-Type",
                "content-transfer-encoding"
            })
    void rejectsAReservedHeaderInAnyCase(String name) {
        JsonObject body = valid().add("headers", Json.createObjectBuilder().add(name, "v"))
                .build();

        assertThat(invalidNames(body)).containsExactly("headers." + name);
    }

    @Test
    void rejectsAHeaderValueThatIsNotAString() {
        JsonObject body = valid().add(
                        "headers",
                        Json.createObjectBuilder()
                                .add("X-Number", 42)
                                .add("X-Bool", true)
                                .addNull("X-Null")
                                .add("X-Array", Json.createArrayBuilder().add("a"))
                                .add("X-Object", Json.createObjectBuilder().add("a", "b")))
                .build();

        assertThat(invalidNames(body))
                .containsExactlyInAnyOrder(
                        "headers.X-Number", "headers.X-Bool", "headers.X-Null", "headers.X-Array", "headers.X-Object");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\r\nBcc: x@evil.test", "a\nBcc: x@evil.test", "a\rb", "a\u0000b", "end\r\n"})
    void rejectsAHeaderValueWithALineBreakOrNul(String value) {
        JsonObject body = valid().add("headers", Json.createObjectBuilder().add("X-Campaign", value))
                .build();

        assertThat(invalidNames(body)).containsExactly("headers.X-Campaign");
    }

    @Test
    void namesEachBadHeaderAndKeepsNoneOfThem() {
        JsonObject body = valid().add(
                        "headers",
                        Json.createObjectBuilder()
                                .add("X-Good", "fine")
                                .add("Bad Name", "v")
                                .add("From", "x@evil.test")
                                .add("X-Inject", "a\r\nBcc: x@evil.test"))
                .build();

        assertThat(invalidNames(body))
                .containsExactlyInAnyOrder("headers.Bad Name", "headers.From", "headers.X-Inject");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"X-Campaign: spring\"", "[\"X-Campaign\"]", "42", "true"})
    void rejectsHeadersThatAreNotAnObject(String json) {
        JsonValue headers = Json.createReader(new StringReader(json)).readValue();

        assertThat(invalidNames(valid().add("headers", headers).build())).containsExactly("headers");
    }

    @Test
    void acceptsNullHeadersAsNone() {
        assertThat(MessageRequest.parse(valid().addNull("headers").build(), LIMIT)
                        .headers())
                .isEmpty();
    }

    @Test
    void namesProblemsInDifferentFieldsTogether() {
        JsonObject body = valid().add("from", "a@")
                .add("subject", "a\nb")
                .add("headers", Json.createObjectBuilder().add("Received", "x"))
                .build();

        Problem problem = problemFor(body);

        assertThat(problem.invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder("from", "subject", "headers.Received");
        assertThat(problem.detail()).isEqualTo("3 fields are invalid");
    }

    @Test
    void readsAttachmentsAndInlineImages() {
        JsonObject body = valid().add("html", "<p><img src=\"cid:logo@shop\"></p>")
                .add(
                        "attachments",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("fileName", "Rechnung März.pdf")
                                        .add("contentType", "application/pdf")
                                        .add("content", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                                .add(Json.createObjectBuilder()
                                        .add("fileName", "logo.png")
                                        .add("contentType", "image/png")
                                        .add("content", "iVBORw==")
                                        .add("contentId", "logo@shop")))
                .build();

        Composition message = MessageRequest.parse(body, LIMIT);

        assertThat(message.attachments()).hasSize(2);
        assertThat(message.attachments().get(0).fileName()).isEqualTo("Rechnung März.pdf");
        assertThat(message.attachments().get(0).content()).containsExactly(1, 2, 3);
        assertThat(message.attachments().get(0).inline()).isFalse();
        assertThat(message.attachments().get(1).contentId()).contains("logo@shop");
    }

    @Test
    void namesEveryUnusableAttachmentField() {
        JsonObject body = valid().add(
                        "attachments",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("fileName", "../../etc/passwd")
                                        .add("contentType", "multipart/mixed")
                                        .add("content", "not base64!"))
                                .add(Json.createObjectBuilder()
                                        .add("contentType", "image/png")
                                        .add("content", "iVBORw==")
                                        .add("contentId", "<logo@shop>"))
                                .add("a string"))
                .build();

        assertThat(invalidNames(body))
                .containsExactlyInAnyOrder(
                        "attachments[0].fileName",
                        "attachments[0].contentType",
                        "attachments[0].content",
                        "attachments[1].fileName",
                        "attachments[1].contentId",
                        "attachments[2]");
    }

    @Test
    void anInlineImageNeedsHtmlAndTheNumberOfFilesIsBounded() {
        JsonObject inlineWithoutHtml = valid().add(
                        "attachments",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("fileName", "logo.png")
                                        .add("contentType", "image/png")
                                        .add("content", "iVBORw==")
                                        .add("contentId", "logo@shop")))
                .build();
        var many = Json.createArrayBuilder();
        for (int i = 0; i <= AttachmentRequest.MAX_ATTACHMENTS; i++) {
            many.add(Json.createObjectBuilder()
                    .add("fileName", "f" + i)
                    .add("contentType", "text/plain")
                    .add("content", ""));
        }

        assertThat(invalidNames(inlineWithoutHtml)).containsExactly("html");
        assertThat(invalidNames(valid().add("attachments", many).build())).containsExactly("attachments");
    }

    private static JsonObjectBuilder valid() {
        return Json.createObjectBuilder()
                .add("from", "news@shop.example")
                .add("to", Json.createArrayBuilder().add("ann@example.net"))
                .add("subject", "Hello")
                .add("text", "Hi Ann");
    }

    private static JsonObject withRecipients(int to, int cc, int bcc) {
        UnaryOperator<String> mailbox = s -> s + "@example.net";
        var toArray = Json.createArrayBuilder();
        var ccArray = Json.createArrayBuilder();
        var bccArray = Json.createArrayBuilder();
        for (int i = 0; i < to; i++) {
            toArray.add(mailbox.apply("to" + i));
        }
        for (int i = 0; i < cc; i++) {
            ccArray.add(mailbox.apply("cc" + i));
        }
        for (int i = 0; i < bcc; i++) {
            bccArray.add(mailbox.apply("bcc" + i));
        }
        return valid().add("to", toArray)
                .add("cc", ccArray)
                .add("bcc", bccArray)
                .build();
    }

    private static Problem problemFor(JsonObject body) {
        return problemFor(body, LIMIT);
    }

    private static Problem problemFor(JsonObject body, int maxRecipients) {
        ProblemException thrown =
                catchThrowableOfType(ProblemException.class, () -> MessageRequest.parse(body, maxRecipients));
        assertThat(thrown).as("a ProblemException for %s", body).isNotNull();
        return thrown.problem();
    }

    private static List<String> invalidNames(JsonObject body) {
        return problemFor(body).invalidParams().stream().map(InvalidParam::name).toList();
    }
}

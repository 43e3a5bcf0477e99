package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.api.mail.ReversePath;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RawMessageRequestTest {

    private static JsonObject body(String from, String message) {
        return Json.createObjectBuilder()
                .add("from", from)
                .add("to", Json.createArrayBuilder().add("ann@example.net"))
                .add("message", Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void keepsTheMessageButEndsEveryLineWithCrlfAndDropsTheBccField() {
        RawMessageRequest raw = RawMessageRequest.parse(
                body(
                        "bounce@shop.example",
                        "From: news@shop.example\nBcc: secret@hidden.example,\n\tother@hidden.example\rSubject: Hi\r\n"
                                + "bcc: again@hidden.example\nBcc : obsolete@hidden.example\nResent-Bcc: r@hidden.example\n"
                                + "\nbody line\nBcc: in the body stays\n"),
                50);

        assertThat(raw.sender().toString()).isEqualTo("<bounce@shop.example>");
        assertThat(raw.recipients()).extracting(Object::toString).containsExactly("ann@example.net");
        assertThat(new String(raw.content(), StandardCharsets.UTF_8))
                .isEqualTo("From: news@shop.example\r\nSubject: Hi\r\n\r\nbody line\r\nBcc: in the body stays\r\n");
    }

    @Test
    void anEmptySenderIsTheNullPath() {
        assertThat(RawMessageRequest.parse(body("", "From: a@shop.example\r\n\r\nx\r\n"), 50)
                        .sender())
                .isEqualTo(ReversePath.NULL);
    }

    @Test
    void namesAMessageThatIsNotBase64OrNotAMessage() {
        JsonObject notBase64 = Json.createObjectBuilder()
                .add("from", "a@shop.example")
                .add("to", Json.createArrayBuilder().add("ann@example.net"))
                .add("message", "not base64!")
                .build();

        assertThat(problemFor(notBase64).reason()).contains("base64");
        assertThat(problemFor(body("a@shop.example", "\r\njust a body")).reason())
                .contains("header fields");
        assertThat(problemFor(body("a@shop.example", "no line end at all")).reason())
                .contains("header fields");
    }

    private static InvalidParam problemFor(JsonObject body) {
        ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> RawMessageRequest.parse(body, 50));
        assertThat(thrown).isNotNull();
        assertThat(thrown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("message");
        return thrown.problem().invalidParams().get(0);
    }
}

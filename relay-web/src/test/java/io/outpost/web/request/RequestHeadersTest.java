package io.outpost.web.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.web.problem.Problem;
import io.outpost.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json;q=0.5, */*;q=0",
                "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
                "application/json;q=1.000",
                "application/problem+json; charset=\"utf-8, or so\"; q=0.9",
                "application/json, ,text/plain",
                ""
            })
    void acceptsWhatClientsSend(String accept) {
        assertThatCode(() -> RequestHeaders.checkAccept(accept)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json;q=abc",
                "application/json;q=",
                "application/json;q",
                "application/json;Q=2",
                "application/json;q=-1",
                "application/json;q=0.5555",
                "a/b/c",
                "json"
            })
    void refusesAMalformedAcceptNamingTheHeader(String accept) {
        Problem problem = catchThrowableOfType(ProblemException.class, () -> RequestHeaders.checkAccept(accept))
                .problem();

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.MALFORMED_HEADER);
        assertThat(problem.invalidParams()).singleElement().satisfies(p -> assertThat(p.name())
                .isEqualTo("Accept"));
    }

    @Test
    void aBodyIsUtf8UnlessTheContentTypeNamesAnotherCharset() {
        assertThat(RequestHeaders.charsetOf("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(RequestHeaders.charsetOf("application/json; Charset=\"ISO-8859-1\""))
                .isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json; charset=nonsense",
                "application/json; charset=",
                "application/json; charset",
                "application/json; charset=\"\""
            })
    void anUnknownCharsetIsA415NamingTheContentType(String contentType) {
        Problem problem = catchThrowableOfType(ProblemException.class, () -> RequestHeaders.charsetOf(contentType))
                .problem();

        assertThat(problem.status()).isEqualTo(415);
        assertThat(problem.detail()).startsWith("Content-Type: charset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "/", "application/json/x", ";charset=utf-8"})
    void aContentTypeThatIsNoMediaTypeIsA400(String contentType) {
        Problem problem = catchThrowableOfType(ProblemException.class, () -> RequestHeaders.charsetOf(contentType))
                .problem();

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).startsWith("Content-Type: ");
    }
}

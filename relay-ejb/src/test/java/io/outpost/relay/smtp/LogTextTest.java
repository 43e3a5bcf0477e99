package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client text made safe for one log line. */
class LogTextTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "alice@example.org | alice@example.org",
                "Grüße             | Grüße",
                "a\\b              | a\\\\b",
                "tab\there         | tab\\there"
            })
    void keepsPrintableTextAndEscapesTheEscapeCharacter(String text, String logged) {
        assertThat(LogText.of(text)).isEqualTo(logged);
    }

    @Test
    void escapesLineBreaksSoNoLineCanBeForged() {
        assertThat(LogText.of("alice\r\nINFO: admin logged in"))
                .isEqualTo("alice\\r\\nINFO: admin logged in")
                .doesNotContain("\r", "\n");
    }

    @Test
    void escapesControlLineSeparatorAndBidiCharacters() {
        assertThat(LogText.of("a\u0000b\u001b[31mc\u0085d\u2028e\u202ef\u007f"))
                .isEqualTo("a\\u0000b\\u001b[31mc\\u0085d\\u2028e\\u202ef\\u007f");
    }

    @Test
    void cutsLongTextAndSaysHowMuchIsLeftOut() {
        assertThat(LogText.of("x".repeat(LogText.MAX_CHARS + 10)))
                .isEqualTo("x".repeat(LogText.MAX_CHARS) + "...(10 more)");
    }

    @Test
    void writesNullAsNull() {
        assertThat(LogText.of(null)).isEqualTo("null");
    }
}

package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.plugin.HeaderField;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryValueOfAFieldUnfoldedWhateverTheNamesCase() {
        byte[] section = bytes("Received: one\r\n\tfolded\r\nSubject: hi\r\nRECEIVED:two\r\n\r\nReceived: body\r\n");

        assertThat(HeaderFields.values(section, "Received")).containsExactly(" one\tfolded", "two");
        assertThat(HeaderFields.count(section, "received", 100)).isEqualTo(2);
        assertThat(HeaderFields.count(section, "Received", 1)).isEqualTo(1);
    }

    @Test
    void theObsoleteSpaceBeforeTheColonStillNamesTheField() {
        // RFC 5322 §4.5.3: otherwise a second From could hide behind "From :".
        assertThat(HeaderFields.values(bytes("From : a@x\r\nFrom: b@y\r\n\r\n"), "From"))
                .containsExactly(" a@x", " b@y");
    }

    @Test
    void aLongerFieldNameOrAFieldInTheBodyIsNotTheField() {
        byte[] section = bytes("Message-IDs: <no@x>\r\nX-Message-ID: <no@y>\r\n\r\nMessage-ID: <body@z>\r\n");

        assertThat(HeaderFields.contains(section, "Message-ID")).isFalse();
        assertThat(HeaderFields.values(section, "Message-ID")).isEmpty();
    }

    @Test
    void aBareLineFeedEndsALineAsCrlfDoes() {
        byte[] section = bytes("Subject: hi\nFrom: a@x\n\nFrom: body@y\n");

        assertThat(HeaderFields.values(section, "From")).containsExactly(" a@x");
    }

    @Test
    void everyFieldIsReadInOrderWithItsNameAsWrittenAndItsValueUnfolded() {
        byte[] section = bytes("Subject: two\r\n lines\r\n\tmore\r\nnot a field line\r\nX-Tag:a:b\r\n\r\nBody: no\r\n");

        assertThat(HeaderFields.all(section))
                .extracting(HeaderField::name, HeaderField::value)
                .containsExactly(tuple("Subject", " two lines\tmore"), tuple("X-Tag", "a:b"));
    }

    @Test
    void utf8ValuesAreDecoded() {
        assertThat(HeaderFields.values(bytes("Subject: Grüße\r\n\r\n"), "Subject"))
                .containsExactly(" Grüße");
    }
}

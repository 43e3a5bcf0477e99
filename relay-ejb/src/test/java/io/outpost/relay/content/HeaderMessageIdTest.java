package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderMessageIdTest {

    private static byte[] header(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheMsgIdWithoutBracketsWhateverTheFieldNamesCaseOrFolding() {
        assertThat(HeaderMessageId.of(header("Subject: hi\r\nMessage-ID: <a.1@shop.example>\r\n\r\n")))
                .contains("a.1@shop.example");
        assertThat(HeaderMessageId.of(header("message-id:\r\n  <folded@shop.example>\r\n\r\n")))
                .contains("folded@shop.example");
        assertThat(HeaderMessageId.of(header("Message-Id: first@x\r\nMessage-Id: <second@x>\r\n\r\n")))
                .contains("first@x");
    }

    @Test
    void aMessageWithoutAUsableMessageIdHasNone() {
        assertThat(HeaderMessageId.of(header("Subject: hi\r\n\r\n"))).isEmpty();
        assertThat(HeaderMessageId.of(header("Message-ID: <>\r\n\r\n"))).isEmpty();
        assertThat(HeaderMessageId.of(header("Message-ID: <" + "x".repeat(1000) + "@y>\r\n\r\n")))
                .isEmpty();
        // 400 characters, but 1,200 octets in UTF-8: too long for a line, and for the index.
        assertThat(HeaderMessageId.of(header("Message-ID: <" + "日".repeat(398) + "@y>\r\n\r\n")))
                .isEmpty();
    }

    @Test
    void aSearchIsNormalisedAsTheStoredValueIs() {
        assertThat(HeaderMessageId.normalize("  <a@b>  ")).contains("a@b");
        assertThat(HeaderMessageId.normalize("a@b")).contains("a@b");
        assertThat(HeaderMessageId.normalize(" ")).isEmpty();
    }
}

package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.content.MessageContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrackedContentTest {

    private static final TrackingToken TOKENS = new TrackingToken(key());

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        return key;
    }

    private static LinkRewriter rewriter() {
        return new LinkRewriter(TOKENS, "https://t.example", 5, new TrackingOptions(true, true, false));
    }

    @Test
    void rewritesTheHtmlPartOfAMixedMessageAndKeepsEverythingElse() {
        String message =
                "Received: by test\r\nMessage-ID: <m1@shop.example>\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\n"
                        + "From: a@shop.example\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                        + "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
                        + "--inner\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nsee https://shop.example/\r\n"
                        + "--inner\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "<p><a href=3D\"https://shop.example/\">shop</a></p>\r\n--inner--\r\n"
                        + "--outer\r\nContent-Type: text/html; name=\"page.html\"\r\nContent-Disposition: attachment;"
                        + " filename=\"page.html\"\r\n\r\n<a href=\"https://attached.example/\">kept</a>\r\n--outer--\r\n";

        String tracked = new String(
                TrackedContent.rewrite(MessageContent.of(message.getBytes(StandardCharsets.US_ASCII)), rewriter())
                        .orElseThrow()
                        .toByteArray(),
                StandardCharsets.UTF_8);

        assertThat(tracked)
                .startsWith("Received: by test\r\nMessage-ID: <m1@shop.example>\r\n")
                .contains("see https://shop.example/")
                .contains("<a href=\"https://attached.example/\">kept</a>")
                .contains("https://t.example/t/")
                .doesNotContain("href=3D\"https://shop.example/\"")
                // Encoded again as Jakarta Mail chooses: short ASCII lines stay 7bit.
                .contains(
                        "Content-Transfer-Encoding: 7bit\r\n\r\n<html><head></head><body><p><a href=\"https://t.example/t/")
                .contains("<img src=\"https://t.example/t/");
    }

    @Test
    void aMessageWithoutHtmlIsLeftAsItIs() {
        MessageContent plain = MessageContent.of(
                "Subject: hi\r\n\r\nsee https://shop.example/\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(TrackedContent.rewrite(plain, rewriter())).isEmpty();
    }
}

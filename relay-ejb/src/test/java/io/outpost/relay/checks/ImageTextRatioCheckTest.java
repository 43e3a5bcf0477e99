package io.outpost.relay.checks;

import static io.outpost.relay.checks.CheckedMessages.bulkHtml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageTextRatioCheckTest {

    private final ImageTextRatioCheck check = new ImageTextRatioCheck();

    @Test
    void anImageOnlyMessageFails() {
        CheckResult result = check.check(bulkHtml("<img src='https://shop.test/a.png' alt='Sale'><p>Sale</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).startsWith("1 words and 1 image").contains("image-only");
    }

    @Test
    void aMessageOfMostlyImagesWarns() {
        String images = "<img src='https://shop.test/a.png'>".repeat(3);
        CheckResult result = check.check(bulkHtml(images + "<p>" + "word ".repeat(40) + "</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.fix()).contains("at least 90 words for 3 images");
    }

    @Test
    void enoughTextBesideAnImagePasses() {
        CheckResult result =
                check.check(bulkHtml("<img src='https://shop.test/a.png'><p>" + "word ".repeat(60) + "</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.PASS);
    }

    @Test
    void textWithoutImagesPasses() {
        assertThat(check.check(bulkHtml("<p>Hello</p>")).verdict()).isEqualTo(CheckVerdict.PASS);
    }
}

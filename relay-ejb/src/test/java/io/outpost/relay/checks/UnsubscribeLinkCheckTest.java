package io.outpost.relay.checks;

import static io.outpost.relay.checks.CheckedMessages.bulkHtml;
import static io.outpost.relay.checks.CheckedMessages.bulkText;
import static io.outpost.relay.checks.CheckedMessages.transactionalHtml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnsubscribeLinkCheckTest {

    private final UnsubscribeLinkCheck check = new UnsubscribeLinkCheck();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<a href='https://shop.test/u/1'>Unsubscribe</a>|PASS",
                "<a href='https://shop.test/unsubscribe?id=1'>here</a>|PASS",
                "<a href='https://shop.test/p'>Manage email preferences</a>|PASS",
                "<a href='https://shop.test/p'>Newsletter abbestellen</a>|PASS",
                "<a href='https://shop.test/p'>Se désabonner</a>|PASS",
                "<a href='https://shop.test/sale'>Our sale</a>|FAIL",
                "<p>To unsubscribe, write to us.</p>|FAIL"
            })
    void aBulkMessageNeedsALinkThatSaysUnsubscribe(String html, CheckVerdict verdict) {
        assertThat(check.check(bulkHtml(html)).verdict()).isEqualTo(verdict);
    }

    @Test
    void aMissingLinkSaysWhyAndHowToAddOne() {
        CheckResult result = check.check(bulkHtml("<p>Hello</p>"));
        assertThat(result.why()).contains("CAN-SPAM");
        assertThat(result.fix()).contains("<a href=");
    }

    @Test
    void aTextOnlyBulkMessagePassesWhenItSaysHowToUnsubscribe() {
        assertThat(check.check(bulkText("Unsubscribe: https://shop.test/u/1")).verdict())
                .isEqualTo(CheckVerdict.PASS);
        assertThat(check.check(bulkText("Hello")).verdict()).isEqualTo(CheckVerdict.FAIL);
    }

    @Test
    void transactionalMailNeedsNone() {
        CheckResult result = check.check(transactionalHtml("<p>Your receipt</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.PASS);
        assertThat(result.why()).startsWith("Not applicable");
    }
}

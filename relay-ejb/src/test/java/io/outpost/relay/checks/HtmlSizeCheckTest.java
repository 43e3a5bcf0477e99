package io.outpost.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.template.RenderedMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlSizeCheckTest {

    private final HtmlSizeCheck check = new HtmlSizeCheck();

    @Test
    void aSmallPartPasses() {
        assertThat(check.check(withHtml(1_000)).verdict()).isEqualTo(CheckVerdict.PASS);
    }

    @Test
    void aPartNearTheLimitWarns() {
        assertThat(check.check(withHtml(HtmlSizeCheck.WARN_AT)).verdict()).isEqualTo(CheckVerdict.WARN);
    }

    @Test
    void aPartGmailClipsFailsAndSaysHowBig() {
        CheckResult result = check.check(withHtml(HtmlSizeCheck.GMAIL_CLIPS_AT));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).startsWith("102.0 KB of HTML");
        assertThat(result.fix()).isNotEmpty();
    }

    @Test
    void aTextOnlyMessagePasses() {
        RenderedMessage text = new RenderedMessage("Hi", Optional.of("hello"), Optional.empty());
        assertThat(check.check(message(text)).verdict()).isEqualTo(CheckVerdict.PASS);
    }

    private static CheckedMessage withHtml(int bytes) {
        return message(new RenderedMessage("Hi", Optional.empty(), Optional.of("x".repeat(bytes))));
    }

    private static CheckedMessage message(RenderedMessage rendered) {
        return new CheckedMessage(new TenantId("shop"), EmailAddress.parse("news@shop.test"), true, rendered);
    }
}

package io.outpost.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.testing.Spamd;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SpamAssassin check against a real spamd (Debian's, local tests only) on 127.0.0.1. */
class SpamAssassinCheckTest {

    // SpamAssassin's test string (GTUBE): any SpamAssassin scores it 1000.
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static Spamd spamd;
    private static SpamAssassinCheck check;

    @BeforeAll
    static void startSpamd() throws Exception {
        spamd = Spamd.start(0);
        check = new SpamAssassinCheck(
                Optional.of(new SpamdClient(new InetSocketAddress("127.0.0.1", spamd.port()), Duration.ofSeconds(20))));
    }

    @AfterAll
    static void stopSpamd() {
        spamd.close();
    }

    private static CheckedMessage message(String text, String html) {
        return new CheckedMessage(
                new TenantId("shop"),
                EmailAddress.parse("news@shop.test"),
                true,
                new RenderedMessage("Our news this week", Optional.of(text), Optional.of(html)));
    }

    @Test
    void gtubeFailsAndTheRuleIsExplained() {
        CheckResult result = check.check(message(GTUBE, "<p>" + GTUBE + "</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).startsWith("Score 10").contains("GTUBE (+1000.0): BODY: Generic Test for Unsolicited");
        assertThat(result.fix()).isNotEmpty();
    }

    @Test
    void anOrdinaryNewsletterPasses() {
        String text = "Hello Ann, our shop has new books this week. Read about them on our site. Shop Ltd, 10 High"
                + " Street, London.";
        CheckResult result = check.check(message(text, "<p>" + text + "</p>"));
        assertThat(result.verdict()).as(result.why()).isEqualTo(CheckVerdict.PASS);
        assertThat(result.why()).startsWith("Score ");
    }

    @Test
    void withoutSpamdTheCheckWarnsThatItIsNotConfigured() {
        CheckResult result = new SpamAssassinCheck(Optional.empty()).check(message("hi", "<p>hi</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).isEqualTo("SpamAssassin is not configured, so the message's spam score is unknown.");
    }

    @Test
    void aSpamdThatDoesNotAnswerWarns() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SpamAssassinCheck nowhere = new SpamAssassinCheck(
                Optional.of(new SpamdClient(new InetSocketAddress("127.0.0.1", closed), Duration.ofSeconds(1))));
        CheckResult result = nowhere.check(message("hi", "<p>hi</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).startsWith("SpamAssassin did not answer");
    }

    @Test
    void aReportIsReadWithItsRulesAndWrappedDescriptions() {
        SpamReport report = SpamReport.parse(
                "Content-length: 300\r\nSpam: True ; 6.4 / 5.0",
                "Content analysis details:   (6.4 points, 5.0 required)\n\n"
                        + " pts rule name              description\n"
                        + "---- ---------------------- --------------------------------------------------\n"
                        + " 3.6 HTML_IMAGE_ONLY_08     BODY: HTML: images with 400-800 bytes of\n"
                        + "                            words\n"
                        + " 2.8 MISSING_DATE           Missing Date: header\n"
                        + "-0.0 NO_RELAYS              Informational: message was not relayed via SMTP\n\n");
        assertThat(report.score()).isEqualTo(6.4);
        assertThat(report.rules())
                .containsExactly(
                        new SpamRule(3.6, "HTML_IMAGE_ONLY_08", "BODY: HTML: images with 400-800 bytes of words"),
                        new SpamRule(2.8, "MISSING_DATE", "Missing Date: header"),
                        new SpamRule(-0.0, "NO_RELAYS", "Informational: message was not relayed via SMTP"));
        assertThat(SpamAssassinCheck.judge(new SpamReport(3.2, 5.0, List.of())).verdict())
                .isEqualTo(CheckVerdict.WARN);
    }
}

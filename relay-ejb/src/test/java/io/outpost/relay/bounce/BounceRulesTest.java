package io.outpost.relay.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceRulesTest {

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Gmail, Microsoft, Yahoo and Postfix replies for an address that does not exist.
                "550|5.1.1|The email account that you tried to reach does not exist. Please try double-checking|hard",
                "550|5.5.0|Requested action not taken: mailbox unavailable|hard",
                "554|5.0.0|delivery error: dd This user doesn't have a yahoo.com account|hard",
                "550|5.1.1|<ann@example.com>: Recipient address rejected: User unknown in virtual mailbox table|hard",
                "550||No such user here|hard",
                "550|5.1.10|Recipient domain has a null MX|hard",
                "554|5.4.4|Unable to route: domain does not exist|hard",
                // Full mailboxes, temporary or not.
                "552|5.2.2|The email account that you tried to reach is over quota|mailbox_full",
                "452|4.2.2|Mailbox full|mailbox_full",
                "550|5.0.0|Mailbox is full|mailbox_full",
                // The receiver refused the sender, not the address.
                "550|5.7.1|Message rejected as spam by Content Filtering|policy",
                "554|5.7.26|Unauthenticated email from example.com is not accepted due to its DMARC policy|policy",
                "550|5.0.0|Your IP is listed on Spamhaus SBL|policy",
                "550|5.7.1|Requested action not taken: mailbox unavailable (policy)|policy",
                "550|5.7.606|Access denied, banned sending IP|policy",
                "421|4.7.0|Too many connections from your IP|policy",
                // Nothing said of the address.
                "451|4.3.0|Temporary local problem|soft",
                "552|5.3.4|Message size exceeds fixed limit|unknown",
            })
    void classifiesWhatReceiversReallySay(int code, String status, String text, String expected) {
        SmtpReply reply =
                status == null ? SmtpReply.withoutStatus(code, List.of(text)) : SmtpReply.of(code, status, text);

        assertThat(BounceRules.BUILT_IN.classify(reply).wireName()).isEqualTo(expected);
    }

    @Test
    void anOperatorsRulesGoFirst() {
        BounceRules operator = BounceRules.parse(
                "# our partner says this of addresses it dropped\n5.7.1 hard gone for good\n", "ours.txt");
        SmtpReply closed = SmtpReply.of(550, "5.7.1", "Gone for good");

        assertThat(BounceRules.BUILT_IN.classify(closed)).isEqualTo(BounceClass.POLICY);
        assertThat(operator.before(BounceRules.BUILT_IN).classify(closed)).isEqualTo(BounceClass.HARD);
        assertThat(operator.before(BounceRules.BUILT_IN).classify(SmtpReply.of(550, "5.7.1", "spam")))
                .isEqualTo(BounceClass.POLICY);
    }

    @Test
    void aLineThatIsNoRuleIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> BounceRules.parse("5.1.1 hard\n5.1 hard\n", "ours.txt"))
                .hasMessageContaining("ours.txt line 2");
        assertThatThrownBy(() -> BounceRules.parse("5.1.1 bogus\n", "ours.txt"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("hard, soft, mailbox_full, policy, unknown");
        assertThatThrownBy(() -> BounceRules.parse("5.*.* hard (unclosed\n", "ours.txt"))
                .hasMessageContaining("not a regular expression");
    }
}

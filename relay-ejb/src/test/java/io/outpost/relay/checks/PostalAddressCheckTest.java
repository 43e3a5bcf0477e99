package io.outpost.relay.checks;

import static io.outpost.relay.checks.CheckedMessages.bulkHtml;
import static io.outpost.relay.checks.CheckedMessages.transactionalHtml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostalAddressCheckTest {

    private final PostalAddressCheck check = new PostalAddressCheck();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Shop Inc., 1600 Amphitheatre Parkway, Mountain View, CA 94043",
                "Shop Ltd, 10 Downing Street, London SW1A 2AA",
                "Shop GmbH, Hauptstraße 5, 10115 Berlin",
                "Shop SARL, 12 rue de la Paix, 75002 Paris",
                "Shop, PO Box 1234, Springfield",
                "Shop Corp, Ottawa ON K1A 0B1"
            })
    void recognisesAddressesOfTheCommonFormats(String footer) {
        CheckResult result = check.check(bulkHtml("<p>News</p><footer>" + footer + "</footer>"));
        assertThat(result.verdict()).as(footer).isEqualTo(CheckVerdict.PASS);
        assertThat(result.why()).startsWith("Found what looks like an address");
    }

    @Test
    void aBulkMessageWithoutAnAddressWarnsCitingCanSpam() {
        CheckResult result = check.check(bulkHtml("<p>Big sale this week, 50 % off everything.</p>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).contains("15 U.S.C. 7704(a)(5)");
        assertThat(result.fix()).contains("postal address");
    }

    @Test
    void transactionalMailNeedsNone() {
        assertThat(check.check(transactionalHtml("<p>Receipt</p>")).verdict()).isEqualTo(CheckVerdict.PASS);
    }
}

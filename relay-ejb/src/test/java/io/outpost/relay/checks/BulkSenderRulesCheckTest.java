package io.outpost.relay.checks;

import static io.outpost.relay.checks.AuthenticationCheckTest.ALL;
import static io.outpost.relay.checks.AuthenticationCheckTest.dmarc;
import static io.outpost.relay.checks.AuthenticationCheckTest.facts;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.reputation.DomainRates;
import io.outpost.relay.sending.RecordKind;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BulkSenderRulesCheckTest {

    private static final CheckResult ONE_CLICK = OneClickUnsubscribeCheck.judge(URI.create("https://o.test"), true);

    @Test
    void aDomainThatMeetsEveryRulePassesNamingTheRelaysPart() throws Exception {
        CheckResult result =
                BulkSenderRulesCheck.judge(facts(ALL, dmarc("v=DMARC1; p=none")), ONE_CLICK, Optional.empty());
        assertThat(result.verdict()).as(result.why()).isEqualTo(CheckVerdict.PASS);
        assertThat(result.why()).contains("reverse DNS").contains("relay's part");
    }

    @Test
    void missingDmarcAndDkimFailNamingEach() {
        CheckResult result = BulkSenderRulesCheck.judge(
                facts(EnumSet.complementOf(EnumSet.of(RecordKind.DKIM)), Optional.empty()),
                ONE_CLICK,
                Optional.empty());
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).contains("DKIM does not pass").contains("No DMARC record");
    }

    @Test
    void complaintsOverTheLimitFailAndOverGooglesAdviceWarn() throws Exception {
        SenderAuthentication good = facts(ALL, dmarc("v=DMARC1; p=reject"));
        TenantId shop = new TenantId("shop");
        CheckResult over = BulkSenderRulesCheck.judge(
                good, ONE_CLICK, Optional.of(new DomainRates(shop, "shop.test", 1000, 0, 0, 4)));
        assertThat(over.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(over.why()).contains("0.40 % (4 of 1000 delivered recently), over Gmail's and Yahoo's 0.3 %");
        CheckResult advised = BulkSenderRulesCheck.judge(
                good, ONE_CLICK, Optional.of(new DomainRates(shop, "shop.test", 1000, 0, 0, 2)));
        assertThat(advised.verdict()).isEqualTo(CheckVerdict.WARN);
    }

    @Test
    void oneClickOverPlainHttpWarns() throws Exception {
        CheckResult http = OneClickUnsubscribeCheck.judge(URI.create("http://o.test"), true);
        assertThat(http.verdict()).isEqualTo(CheckVerdict.WARN);
        CheckResult result =
                BulkSenderRulesCheck.judge(facts(ALL, dmarc("v=DMARC1; p=reject")), http, Optional.empty());
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).startsWith("One-click unsubscribe: ").contains("HTTPS");
    }

    @Test
    void oneClickFailsWithoutADkimSignature() {
        CheckResult unsigned = OneClickUnsubscribeCheck.judge(URI.create("https://o.test"), false);
        assertThat(unsigned.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(unsigned.why()).contains("RFC 8058 §4");
        assertThat(OneClickUnsubscribeCheck.notApplicable().verdict()).isEqualTo(CheckVerdict.PASS);
    }
}

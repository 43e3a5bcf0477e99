package io.outpost.relay.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainRatesTest {

    private static final TenantId SHOP = TenantId.of("shop");

    @ParameterizedTest(name = "{0} delivered, {1} bounced ({2} hard), {3} complaints: {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10000 | 100 | 20  | 30 | ",
                "10000 | 100 | 20  | 31 | complaint rate 0.31 % (31 of 10000 delivered) over 0.30 %",
                "10000 | 600 | 531 | 0  | hard-bounce rate 5.01 % (531 of 10600) over 5.00 %",
                "10000 | 600 | 530 | 0  | ",
                // Below the minimum volume, one complaint says nothing.
                "999   | 0   | 0   | 50 | ",
            })
    void pausesPastEitherThresholdOnceTheVolumeSaysSomething(
            long delivered, long bounced, long hard, long complained, String reason) {
        DomainRates rates = new DomainRates(SHOP, "shop.example", delivered, bounced, hard, complained);

        assertThat(rates.pauseReason(RateThresholds.DEFAULT).orElse(null)).isEqualTo(reason);
    }

    @Test
    void aSendersDomainIsNamedAsTheStatisticsNameIt() {
        assertThat(DomainRates.domainOf(EmailAddress.parse("News@Shop.Example")))
                .isEqualTo("shop.example");
    }
}

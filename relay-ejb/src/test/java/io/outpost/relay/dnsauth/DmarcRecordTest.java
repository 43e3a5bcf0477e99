package io.outpost.relay.dnsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.dnsauth.DmarcRecord.Alignment;
import io.outpost.relay.dnsauth.DmarcRecord.FailureOption;
import io.outpost.relay.dnsauth.DmarcRecord.Policy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmarcRecordTest {

    @Test
    void readsEveryTag() throws Exception {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; pct=50;"
                + " rua=mailto:agg@example.test!10m, https://reports.example.test/dmarc;"
                + " ruf=mailto:fail@example.test; fo=1:d; ri=3600");

        assertThat(record.policy()).isEqualTo(Policy.REJECT);
        assertThat(record.subdomainPolicy()).isEqualTo(Policy.QUARANTINE);
        assertThat(record.dkimAlignment()).isEqualTo(Alignment.STRICT);
        assertThat(record.spfAlignment()).isEqualTo(Alignment.RELAXED);
        assertThat(record.percent()).isEqualTo(50);
        assertThat(record.aggregateReports())
                .containsExactly(
                        URI.create("mailto:agg@example.test"), URI.create("https://reports.example.test/dmarc"));
        assertThat(record.failureReports()).containsExactly(URI.create("mailto:fail@example.test"));
        assertThat(record.failureOptions()).containsExactlyInAnyOrder(FailureOption.ANY_FAIL, FailureOption.DKIM);
        assertThat(record.reportInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void fillsInTheDefaultsOfSection6_3() throws Exception {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1;p=none");

        assertThat(record.subdomainPolicy()).isEqualTo(Policy.NONE);
        assertThat(record.dkimAlignment()).isEqualTo(Alignment.RELAXED);
        assertThat(record.spfAlignment()).isEqualTo(Alignment.RELAXED);
        assertThat(record.percent()).isEqualTo(100);
        assertThat(record.aggregateReports()).isEmpty();
        assertThat(record.failureOptions()).containsExactly(FailureOption.ALL_FAIL);
        assertThat(record.reportInterval()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "v=DMARC1; p=quarantine                       | QUARANTINE | QUARANTINE",
                "v=DMARC1; p=reject; sp=none;                 | REJECT     | NONE",
                "  v = DMARC1 ;  P = Reject ; foo=bar         | REJECT     | REJECT",
                "v=DMARC1; p=none; rua=mailto:a@x.test,mailto:b@x.test | NONE | NONE",
            })
    void acceptsValidRecords(String txt, Policy policy, Policy subdomainPolicy) throws Exception {
        DmarcRecord record = DmarcRecord.parse(txt);

        assertThat(record.policy()).isEqualTo(policy);
        assertThat(record.subdomainPolicy()).isEqualTo(subdomainPolicy);
    }

    @Test
    void keepsEveryAggregateReportAddress() throws Exception {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:a@x.test,mailto:b@x.test");

        assertThat(record.aggregateReports())
                .containsExactly(URI.create("mailto:a@x.test"), URI.create("mailto:b@x.test"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "p=reject                                  | must start with v=DMARC1",
                "p=reject; v=DMARC1                        | must start with v=DMARC1",
                "''                                        | the record is empty",
                "v=DMARC2; p=reject                        | v=DMARC2 is not DMARC1",
                "v=DMARC1                                  | tag 'p' is required",
                "v=DMARC1; p=block                         | p=block is not none, quarantine or reject",
                "v=DMARC1; p=none; sp=drop                 | sp=drop is not none",
                "v=DMARC1; p=none; pct=101                 | pct=101 is not a whole number from 0 to 100",
                "v=DMARC1; p=none; pct=-1                  | pct=-1 is not a whole number",
                "v=DMARC1; p=none; pct=half                | pct=half is not a whole number",
                "v=DMARC1; p=none; adkim=x                 | adkim=x is not r or s",
                "v=DMARC1; p=none; fo=2                    | fo option '2' is not 0, 1, d or s",
                "v=DMARC1; p=none; rua=agg@example.test    | is not an absolute URI",
                "v=DMARC1; p=none; ri=99999999999          | ri=99999999999 is not a whole number",
                "v=DMARC1; p=none; p=reject                | tag 'p' appears more than once",
                "v=DMARC1; p=none; garbage                 | 'garbage' is not a tag=value pair",
            })
    void refusesInvalidRecordsWithAReason(String txt, String reason) {
        assertThatThrownBy(() -> DmarcRecord.parse(txt))
                .isInstanceOfSatisfying(DmarcSyntaxException.class, e -> assertThat(e.reasons())
                        .anySatisfy(r -> assertThat(r).contains(reason)));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=block; pct=200"))
                .isInstanceOfSatisfying(
                        DmarcSyntaxException.class, e -> assertThat(e.reasons()).hasSize(2));
    }
}

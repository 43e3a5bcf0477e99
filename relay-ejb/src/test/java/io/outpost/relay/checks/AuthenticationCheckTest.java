package io.outpost.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.dnsauth.DmarcPolicy;
import io.outpost.relay.dnsauth.DmarcRecord;
import io.outpost.relay.sending.CheckStatus;
import io.outpost.relay.sending.PublishedRecord;
import io.outpost.relay.sending.RecordCheck;
import io.outpost.relay.sending.RecordKind;
import io.outpost.relay.sending.SendingDomainView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationCheckTest {

    static final Domain SHOP = Domain.of("shop.test");
    static final List<PublishedRecord> RECORDS = List.of(
            new PublishedRecord(RecordKind.DKIM, "s1._domainkey.shop.test", "TXT", "v=DKIM1; k=rsa; p=MIIB", ""),
            new PublishedRecord(RecordKind.SPF, "shop.test", "TXT", "v=spf1 ip4:192.0.2.1 ~all", ""),
            new PublishedRecord(
                    RecordKind.DMARC, "_dmarc.shop.test", "TXT", "v=DMARC1; p=none; rua=mailto:d@shop.test", ""),
            new PublishedRecord(RecordKind.RETURN_PATH_MX, "bounce.shop.test", "MX", "10 mx.outpost.test.", ""),
            new PublishedRecord(
                    RecordKind.RETURN_PATH_SPF, "bounce.shop.test", "TXT", "v=spf1 ip4:192.0.2.1 -all", ""));

    /** The tenant's domain with the records of {@code found} published, and DKIM verified if among them. */
    static SendingDomainView domain(Set<RecordKind> found) {
        List<SendingDomainView.CheckView> checks = new ArrayList<>();
        for (PublishedRecord record : RECORDS) {
            CheckStatus status = found.contains(record.kind()) ? CheckStatus.FOUND : CheckStatus.MISSING;
            checks.add(new SendingDomainView.CheckView(
                    new RecordCheck(record.kind(), record.name(), status, record.value(), Optional.empty(), ""),
                    Instant.EPOCH,
                    Instant.EPOCH));
        }
        return new SendingDomainView(
                new TenantId("shop"),
                SHOP,
                Domain.of("bounce.shop.test"),
                Instant.EPOCH,
                Optional.of(Instant.EPOCH),
                List.of(),
                RECORDS,
                checks,
                found.contains(RecordKind.DKIM),
                Optional.empty());
    }

    static Optional<DmarcPolicy> dmarc(String record) throws Exception {
        return Optional.of(new DmarcPolicy(DmarcRecord.parse(record), SHOP, false));
    }

    static SenderAuthentication facts(Set<RecordKind> found, Optional<DmarcPolicy> dmarc) {
        return new SenderAuthentication(
                SHOP, List.of(SHOP), Optional.of(domain(found)), dmarc, Optional.empty(), false);
    }

    static final Set<RecordKind> ALL = EnumSet.allOf(RecordKind.class);

    @Test
    void aVerifiedDomainWithAStrictPolicyPasses() throws Exception {
        CheckResult result = AuthenticationCheck.judge(facts(ALL, dmarc("v=DMARC1; p=reject")), true);
        assertThat(result.verdict()).as(result.why()).isEqualTo(CheckVerdict.PASS);
        assertThat(result.why())
                .isEqualTo("DKIM signed by shop.test (aligned), SPF passes for bounce.shop.test (aligned), DMARC"
                        + " p=reject at _dmarc.shop.test.");
    }

    @Test
    void aDomainThatIsNotTheTenantsFailsNamingTheirs() {
        SenderAuthentication other = new SenderAuthentication(
                Domain.of("elsewhere.test"),
                List.of(SHOP),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        CheckResult result = AuthenticationCheck.judge(other, false);
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).startsWith("elsewhere.test is not one of your sending domains (yours: shop.test)");
    }

    @Test
    void anUnverifiedDkimKeyFailsWithTheRecordToPublish() throws Exception {
        CheckResult result = AuthenticationCheck.judge(
                facts(EnumSet.complementOf(EnumSet.of(RecordKind.DKIM)), dmarc("v=DMARC1; p=reject")), false);
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).startsWith("DKIM: the key record is not verified");
        assertThat(result.fix()).contains("publish TXT s1._domainkey.shop.test \"v=DKIM1; k=rsa; p=MIIB\"");
    }

    @Test
    void noDmarcRecordFailsBulkMailAndWarnsTransactional() {
        CheckResult bulk = AuthenticationCheck.judge(facts(ALL, Optional.empty()), true);
        assertThat(bulk.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(bulk.why()).contains("no DMARC record for shop.test");
        assertThat(bulk.fix()).contains("publish TXT _dmarc.shop.test \"v=DMARC1; p=none");
        assertThat(AuthenticationCheck.judge(facts(ALL, Optional.empty()), false)
                        .verdict())
                .isEqualTo(CheckVerdict.WARN);
    }

    @Test
    void policyNoneWarns() throws Exception {
        CheckResult result = AuthenticationCheck.judge(facts(ALL, dmarc("v=DMARC1; p=none")), true);
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).startsWith("DMARC: p=none");
        assertThat(result.fix()).contains("p=quarantine");
    }

    @Test
    void strictSpfAlignmentWithTheReturnPathSubdomainWarns() throws Exception {
        CheckResult result = AuthenticationCheck.judge(facts(ALL, dmarc("v=DMARC1; p=reject; aspf=s")), true);
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).contains("strict SPF alignment (aspf=s)");
    }

    @Test
    void anUnpublishedReturnPathWithoutTheDomainsOwnSpfWarnsWithItsRecords() throws Exception {
        CheckResult result = AuthenticationCheck.judge(
                facts(EnumSet.of(RecordKind.DKIM, RecordKind.DMARC), dmarc("v=DMARC1; p=reject")), true);
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.fix()).contains("publish MX bounce.shop.test \"10 mx.outpost.test.\"");
    }
}

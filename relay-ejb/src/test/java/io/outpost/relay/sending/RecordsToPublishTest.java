package io.outpost.relay.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import io.outpost.relay.sending.DomainExpectations.ExpectedDkimKey;
import io.outpost.relay.sending.DomainExpectations.OutboundIdentity;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordsToPublishTest {

    private static final List<ExpectedDkimKey> KEYS = List.of(
            new ExpectedDkimKey("s1", Algorithm.RSA_SHA256, "v=DKIM1; k=rsa; p=RSAKEY"),
            new ExpectedDkimKey("e1", Algorithm.ED25519_SHA256, "v=DKIM1; k=ed25519; p=EDKEY"));

    @Test
    void listsEveryRecordForAddressesInOrder() throws Exception {
        List<PublishedRecord> records = RecordsToPublish.of(expectations(new OutboundIdentity(
                List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8:0:0:0:0:0:10")),
                Optional.empty(),
                Domain.of("bounce.relay.test"))));

        assertThat(records)
                .extracting(PublishedRecord::kind, PublishedRecord::name, PublishedRecord::type, PublishedRecord::value)
                .containsExactly(
                        tuple(RecordKind.DKIM, "s1._domainkey.example.test", "TXT", "v=DKIM1; k=rsa; p=RSAKEY"),
                        tuple(RecordKind.DKIM, "e1._domainkey.example.test", "TXT", "v=DKIM1; k=ed25519; p=EDKEY"),
                        tuple(RecordKind.SPF, "example.test", "TXT", "v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 ~all"),
                        tuple(
                                RecordKind.DMARC,
                                "_dmarc.example.test",
                                "TXT",
                                "v=DMARC1; p=none; adkim=r; aspf=r; rua=mailto:dmarc-reports@example.test"),
                        tuple(RecordKind.RETURN_PATH_MX, "rp.example.test", "MX", "10 bounce.relay.test."),
                        tuple(
                                RecordKind.RETURN_PATH_SPF,
                                "rp.example.test",
                                "TXT",
                                "v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 -all"));
    }

    @Test
    void saysWhatEachRecordIsFor() throws Exception {
        List<PublishedRecord> records = RecordsToPublish.of(expectations(new OutboundIdentity(
                List.of(InetAddress.getByName("192.0.2.10")), Optional.empty(), Domain.of("bounce.relay.test"))));

        assertThat(records.get(0).purpose()).contains("RSA").contains("new record");
        assertThat(records.get(1).purpose()).contains("Ed25519").contains("new record");
        assertThat(records.get(2).purpose())
                .contains("add only ip4:192.0.2.10 before its 'all'")
                .contains("§3.2");
        assertThat(records.get(3).purpose()).contains("quarantine or reject").contains("organisational domain");
    }

    @Test
    void includesTheOperatorsSpfRecordInsteadOfListingAddresses() throws Exception {
        List<PublishedRecord> records = RecordsToPublish.of(expectations(new OutboundIdentity(
                List.of(InetAddress.getByName("192.0.2.10")),
                Optional.of(Domain.of("spf.relay.test")),
                Domain.of("bounce.relay.test"))));

        assertThat(records)
                .filteredOn(r -> r.kind() == RecordKind.SPF || r.kind() == RecordKind.RETURN_PATH_SPF)
                .extracting(PublishedRecord::value)
                .containsExactly("v=spf1 include:spf.relay.test ~all", "v=spf1 include:spf.relay.test -all");
    }

    @Test
    void suggestsNoSpfWhenNoOutboundIdentityIsConfigured() {
        List<PublishedRecord> records = RecordsToPublish.of(
                expectations(new OutboundIdentity(List.of(), Optional.empty(), Domain.of("bounce.relay.test"))));

        assertThat(records)
                .extracting(PublishedRecord::kind)
                .containsExactly(RecordKind.DKIM, RecordKind.DKIM, RecordKind.DMARC, RecordKind.RETURN_PATH_MX);
    }

    @Test
    void namesInternationalisedDomainsInAsciiWithoutTrailingDot() {
        List<PublishedRecord> records = RecordsToPublish.of(new DomainExpectations(
                Domain.of("bücher.test"),
                List.of(KEYS.get(0)),
                Domain.of("rp.bücher.test"),
                new OutboundIdentity(List.of(), Optional.empty(), Domain.of("bounce.relay.test"))));

        assertThat(records)
                .extracting(PublishedRecord::name)
                .containsExactly(
                        "s1._domainkey.xn--bcher-kva.test", "_dmarc.xn--bcher-kva.test", "rp.xn--bcher-kva.test");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8:ABCD:12:FFFF:0:0:0, 2001:db8:abcd:12:ffff::",
        "192.0.2.10, 192.0.2.10"
    })
    void writesAddressesInTheirShortestForm(String address, String text) throws Exception {
        assertThat(RecordsToPublish.text(InetAddress.getByName(address))).isEqualTo(text);
    }

    private static DomainExpectations expectations(OutboundIdentity outbound) {
        return new DomainExpectations(Domain.of("example.test"), KEYS, Domain.of("rp.example.test"), outbound);
    }
}

package io.outpost.relay.dnsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.DmarcRecord.Policy;
import io.outpost.relay.testing.TestDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DmarcLookupTest {

    private final TestDnsServer dns = new TestDnsServer();
    private DmarcLookup lookup;

    @BeforeEach
    void start() {
        dns.start();
        lookup = new DmarcLookup(
                new DnsLookups(List.of(dns.address()), Duration.ofMillis(500)), new MinimalPublicSuffixes());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void findsTheRecordAtTheDomain() throws Exception {
        txt("_dmarc.example.test", "v=DMARC1; p=reject; rua=mailto:dmarc@example.test");
        txt("_dmarc.example.test", "some-other-verification=1");

        Optional<DmarcPolicy> policy = lookup.find(Domain.of("example.test"));

        assertThat(policy).hasValueSatisfying(p -> {
            assertThat(p.foundAt()).isEqualTo(Domain.of("example.test"));
            assertThat(p.inherited()).isFalse();
            assertThat(p.effectivePolicy()).isEqualTo(Policy.REJECT);
        });
    }

    @Test
    void inheritsTheOrganizationalDomainsRecord() throws Exception {
        txt("_dmarc.example.test", "v=DMARC1; p=reject; sp=quarantine");
        dns.add("mail.example.test. 60 IN A 127.0.0.1");

        Optional<DmarcPolicy> policy = lookup.find(Domain.of("mail.example.test"));

        assertThat(policy).hasValueSatisfying(p -> {
            assertThat(p.foundAt()).isEqualTo(Domain.of("example.test"));
            assertThat(p.inherited()).isTrue();
            assertThat(p.effectivePolicy()).isEqualTo(Policy.QUARANTINE);
        });
    }

    @Test
    void prefersTheSubdomainsOwnRecord() throws Exception {
        txt("_dmarc.example.test", "v=DMARC1; p=reject");
        txt("_dmarc.mail.example.test", "v=DMARC1; p=none");

        assertThat(lookup.find(Domain.of("mail.example.test")))
                .hasValueSatisfying(p -> assertThat(p.effectivePolicy()).isEqualTo(Policy.NONE));
    }

    @Test
    void findsNothingWhenNeitherDomainPublishes() throws Exception {
        dns.add("example.test. 60 IN A 127.0.0.1");

        assertThat(lookup.find(Domain.of("mail.example.test"))).isEmpty();
    }

    @Test
    void reportsTwoRecordsAsAPermanentProblem() {
        txt("_dmarc.example.test", "v=DMARC1; p=reject");
        txt("_dmarc.example.test", "v=DMARC1; p=none");

        assertThatThrownBy(() -> lookup.find(Domain.of("example.test")))
                .isInstanceOfSatisfying(DmarcLookupException.class, e -> assertThat(e.temporary())
                        .isFalse())
                .hasMessageContaining("2 DMARC records");
    }

    @Test
    void reportsAnInvalidRecordWithItsReason() {
        txt("_dmarc.example.test", "v=DMARC1; p=block");

        assertThatThrownBy(() -> lookup.find(Domain.of("example.test")))
                .isInstanceOf(DmarcLookupException.class)
                .hasMessageContaining("p=block is not none, quarantine or reject");
    }

    @Test
    void reportsServfailAsTemporary() {
        dns.add("example.test. 60 IN A 127.0.0.1").servfail("_dmarc.example.test.");

        assertThatThrownBy(() -> lookup.find(Domain.of("example.test")))
                .isInstanceOfSatisfying(DmarcLookupException.class, e -> assertThat(e.temporary())
                        .isTrue());
    }

    private void txt(String name, String value) {
        dns.add(name + ". 60 IN TXT \"" + value + "\"");
    }
}

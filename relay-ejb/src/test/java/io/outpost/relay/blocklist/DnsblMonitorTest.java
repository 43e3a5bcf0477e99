package io.outpost.relay.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.BlocklistStatus.Listing;
import io.outpost.api.plugin.BlocklistStatus.State;
import io.outpost.api.plugin.MonitoredTarget;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.testing.TestDnsServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in DNSBL monitor against a DNS server the test runs: RFC 5782 names, answer codes, failures. */
class DnsblMonitorTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    private final TestDnsServer dns = new TestDnsServer();

    @BeforeEach
    void startDns() {
        dns.add("unrelated.test. 60 IN A 127.0.0.1").start();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private DnsblMonitor monitor(String ipZones, String domainZones) throws PluginConfigException {
        DnsblMonitor monitor = new DnsblMonitor(
                new DnsLookups(List.of(dns.address()), Duration.ofSeconds(2)), Clock.fixed(NOW, ZoneOffset.UTC));
        monitor.init(PluginConfig.of("dnsbl", Map.of("ip-zones", ipZones, "domain-zones", domainZones)));
        return monitor;
    }

    private static MonitoredTarget ip(String address) throws Exception {
        return new MonitoredTarget.SendingIp(InetAddress.getByName(address));
    }

    @Test
    void anIpv4AddressIsLookedUpWithItsOctetsReversedAndItsListingNamed() throws Exception {
        // RFC 5782 §2.1: 192.0.2.99 is asked as 99.2.0.192.<zone>, and the TXT record gives the list's reason.
        dns.add("99.2.0.192.zen.spamhaus.test. 60 IN A 127.0.0.4")
                .add("99.2.0.192.zen.spamhaus.test. 60 IN TXT \"exploited host, see the lookup page\"");

        BlocklistStatus status = monitor("zen.spamhaus.test,other.test", "").check(ip("192.0.2.99"));

        assertThat(status.state()).isEqualTo(State.LISTED);
        assertThat(status.checkedAt()).isEqualTo(NOW);
        assertThat(status.listings())
                .containsExactly(new Listing(
                        "zen.spamhaus.test",
                        Optional.of("127.0.0.4 (exploited host, see the lookup page)"),
                        Optional.empty()));
    }

    @Test
    void aWellKnownZonesAnswerIsNamedAndItsDelistingPageGiven() throws Exception {
        DnsblZone zen = new DnsblZone("zen.spamhaus.org", DnsblZone.Lists.ADDRESSES);

        assertThat(zen.meaning(InetAddress.getByName("127.0.0.4"))).isEqualTo("127.0.0.4 XBL: exploited host");
        assertThat(zen.meaning(InetAddress.getByName("127.0.0.200"))).isEqualTo("127.0.0.200");
        assertThat(zen.delistPage()).contains("https://check.spamhaus.org/");
        assertThat(new DnsblZone("bl.example", DnsblZone.Lists.ADDRESSES).delistPage())
                .isEmpty();
    }

    @Test
    void anIpv6AddressIsLookedUpNibbleByNibbleInReverse() throws Exception {
        // RFC 5782 §2.4: 2001:db8::1 → 1.0.0.0. … .8.b.d.0.1.0.0.2.<zone>, 32 nibbles.
        DnsblZone zone = new DnsblZone("bl.test", DnsblZone.Lists.ADDRESSES);
        String name = zone.queryName(InetAddress.getByName("2001:db8::1"));
        assertThat(name).isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test");
        dns.add(name + ". 60 IN A 127.0.0.2");

        assertThat(monitor("bl.test", "").check(ip("2001:db8::1")).state()).isEqualTo(State.LISTED);
        assertThat(monitor("bl.test", "").check(ip("2001:db8::2")).state()).isEqualTo(State.CLEAN);
    }

    @Test
    void aDomainIsLookedUpInTheDomainZonesOnly() throws Exception {
        // RFC 5782 §2.2: the domain itself, then the zone.
        dns.add("shop.example.dbl.test. 60 IN A 127.0.1.2");
        MonitoredTarget shop = new MonitoredTarget.SendingDomain(Domain.of("shop.example"));

        assertThat(monitor("", "dbl.test").check(shop).listings())
                .extracting(Listing::list)
                .containsExactly("dbl.test");
        assertThat(monitor("dbl.test", "").check(shop).state()).isEqualTo(State.CLEAN);
        assertThat(monitor("", "dbl.test")
                        .check(new MonitoredTarget.SendingDomain(Domain.of("bank.example")))
                        .state())
                .isEqualTo(State.CLEAN);
    }

    @Test
    void aRefusalOrAnAnswerOutsideLoopbackOrAFailureIsNoListingButUnknown() throws Exception {
        // Spamhaus's 127.255.255.254: the query came through a public resolver; an answer outside 127/8: a broken zone.
        dns.add("1.2.0.192.refusing.test. 60 IN A 127.255.255.254")
                .add("1.2.0.192.wildcard.test. 60 IN A 192.0.2.80")
                .servfail("1.2.0.192.broken.test.");

        assertThat(monitor("refusing.test", "").check(ip("192.0.2.1")).state()).isEqualTo(State.UNKNOWN);
        assertThat(monitor("wildcard.test", "").check(ip("192.0.2.1")).state()).isEqualTo(State.UNKNOWN);
        assertThat(monitor("broken.test", "").check(ip("192.0.2.1")).state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void aListingStandsWhenAnotherZoneCannotBeAsked() throws Exception {
        dns.add("1.2.0.192.listing.test. 60 IN A 127.0.0.2").servfail("1.2.0.192.broken.test.");

        BlocklistStatus status = monitor("broken.test,listing.test", "").check(ip("192.0.2.1"));

        assertThat(status.state()).isEqualTo(State.LISTED);
        assertThat(status.listings()).extracting(Listing::list).containsExactly("listing.test");
    }

    @Test
    void aZoneThatIsNoDomainNameStopsTheStart() {
        assertThatThrownBy(() -> monitor("bl.test,not a zone", ""))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("not a zone");
    }

    @Test
    void withoutSettingsTheWellKnownZonesAreAsked() throws Exception {
        // The test's DNS server answers for the real zone names here: nothing leaves the machine.
        dns.add("2.0.0.127.zen.spamhaus.org. 60 IN A 127.0.0.2")
                .add("shop.example.dbl.spamhaus.org. 60 IN A 127.0.1.2");
        DnsblMonitor monitor = new DnsblMonitor(
                new DnsLookups(List.of(dns.address()), Duration.ofSeconds(2)), Clock.fixed(NOW, ZoneOffset.UTC));
        monitor.init(PluginConfig.empty("dnsbl"));

        BlocklistStatus ip = monitor.check(ip("127.0.0.2"));
        BlocklistStatus domain = monitor.check(new MonitoredTarget.SendingDomain(Domain.of("shop.example")));

        assertThat(ip.listings())
                .extracting(Listing::list, l -> l.detail().orElseThrow())
                .contains(tuple("zen.spamhaus.org", "127.0.0.2 SBL: spam source"));
        assertThat(domain.listings())
                .extracting(Listing::list, l -> l.detail().orElseThrow())
                .containsExactly(tuple("dbl.spamhaus.org", "127.0.1.2 DBL: spam domain"));
    }
}

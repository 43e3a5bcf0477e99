package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.testing.TestDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MxResolverTest {

    private final TestDnsServer dns = new TestDnsServer();
    private MxResolver resolver;

    @BeforeEach
    void start() {
        dns.start();
        resolver = allowingPrivate(OwnIdentity.nobody());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void ordersHostsByPreference() {
        dns.add("example.test. 60 IN MX 20 backup.example.test.")
                .add("example.test. 60 IN MX 10 primary.example.test.")
                .add("backup.example.test. 60 IN A 127.0.0.2")
                .add("primary.example.test. 60 IN A 127.0.0.1");

        assertThat(hostnames(resolver.resolve(Domain.of("example.test"))))
                .containsExactly("primary.example.test", "backup.example.test");
    }

    @Test
    void shufflesHostsOfEqualPreference() {
        dns.add("example.test. 60 IN MX 10 a.example.test.")
                .add("example.test. 60 IN MX 10 b.example.test.")
                .add("a.example.test. 60 IN A 127.0.0.1")
                .add("b.example.test. 60 IN A 127.0.0.2");

        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            orders.add(hostnames(resolver.resolve(Domain.of("example.test"))));
        }

        assertThat(orders)
                .containsExactlyInAnyOrder(
                        List.of("a.example.test", "b.example.test"), List.of("b.example.test", "a.example.test"));
    }

    @Test
    void usesTheDomainItselfWhenThereIsNoMx() throws Exception {
        dns.add("plain.test. 60 IN A 127.0.0.3");

        Route route = resolver.resolve(Domain.of("plain.test"));

        assertThat(route)
                .isEqualTo(new Route.Hosts(
                        List.of(new MailHost("plain.test", List.of(InetAddress.getByName("127.0.0.3"))))));
    }

    @Test
    void collectsIpv4AndIpv6Addresses() throws Exception {
        dns.add("example.test. 60 IN MX 10 mx.example.test.")
                .add("mx.example.test. 60 IN A 127.0.0.1")
                .add("mx.example.test. 60 IN AAAA ::1");

        Route.Hosts route = (Route.Hosts) resolver.resolve(Domain.of("example.test"));

        assertThat(route.hosts().get(0).addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
    }

    @Test
    void skipsMxHostsWithoutAddress() {
        dns.add("example.test. 60 IN MX 10 gone.example.test.")
                .add("example.test. 60 IN MX 20 mx.example.test.")
                .add("mx.example.test. 60 IN A 127.0.0.1");

        assertThat(hostnames(resolver.resolve(Domain.of("example.test")))).containsExactly("mx.example.test");
    }

    @Test
    void bouncesNullMx() {
        dns.add("nomail.test. 60 IN MX 0 .");

        Route route = resolver.resolve(Domain.of("nomail.test"));

        assertThat(route).isInstanceOfSatisfying(Route.Permanent.class, p -> {
            assertThat(p.reply().code()).isEqualTo(556);
            assertThat(p.reply().enhancedStatus()).contains("5.1.10");
        });
    }

    @Test
    void bouncesNonExistentDomain() {
        dns.add("example.test. 60 IN A 127.0.0.1");

        Route route = resolver.resolve(Domain.of("missing.test"));

        assertThat(route).isInstanceOfSatisfying(Route.Permanent.class, p -> assertThat(
                        p.reply().enhancedStatus())
                .contains("5.1.2"));
    }

    @Test
    void bouncesDomainWithNeitherMxNorAddress() {
        dns.add("example.test. 60 IN TXT \"v=spf1 -all\"");

        assertThat(resolver.resolve(Domain.of("example.test"))).isInstanceOf(Route.Permanent.class);
    }

    @Test
    void defersOnServfail() {
        dns.add("example.test. 60 IN A 127.0.0.1").servfail("example.test.");

        Route route = resolver.resolve(Domain.of("example.test"));

        assertThat(route).isInstanceOfSatisfying(Route.Temporary.class, t -> assertThat(
                        t.reply().enhancedStatus())
                .contains("4.4.3"));
    }

    @Test
    void defersOnTimeout() {
        dns.add("example.test. 60 IN A 127.0.0.1").drop("example.test.");

        long start = System.nanoTime();
        Route route = resolver.resolve(Domain.of("example.test"));

        assertThat(route).isInstanceOf(Route.Temporary.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void defersWhenEveryMxHostLookupFails() {
        dns.add("example.test. 60 IN MX 10 mx.example.test.")
                .add("mx.example.test. 60 IN A 127.0.0.1")
                .servfail("mx.example.test.");

        assertThat(resolver.resolve(Domain.of("example.test"))).isInstanceOf(Route.Temporary.class);
    }

    @Test
    void resolvesANamedHostWithoutMxLookup() throws Exception {
        dns.add("smarthost.test. 60 IN A 127.0.0.5");

        assertThat(resolver.resolveHost("smarthost.test"))
                .isEqualTo(new Route.Hosts(
                        List.of(new MailHost("smarthost.test", List.of(InetAddress.getByName("127.0.0.5"))))));
    }

    @Test
    void skipsMxAddressesOffThePublicInternetUnlessAllowed() throws Exception {
        dns.add("example.test. 60 IN MX 10 inside.example.test.")
                .add("example.test. 60 IN MX 20 mixed.example.test.")
                .add("inside.example.test. 60 IN A 10.1.2.3")
                .add("mixed.example.test. 60 IN A 127.0.0.1")
                .add("mixed.example.test. 60 IN A 9.9.9.9")
                .add("mixed.example.test. 60 IN AAAA fd00::25");

        Route route = strict(OwnIdentity.nobody()).resolve(Domain.of("example.test"));

        assertThat(route)
                .isEqualTo(new Route.Hosts(
                        List.of(new MailHost("mixed.example.test", List.of(InetAddress.getByName("9.9.9.9"))))));
    }

    @Test
    void bouncesWhenEveryMxAddressIsOffThePublicInternet() {
        dns.add("example.test. 60 IN MX 10 a.example.test.")
                .add("example.test. 60 IN MX 20 b.example.test.")
                .add("a.example.test. 60 IN A 127.0.0.1")
                .add("a.example.test. 60 IN A 169.254.169.254")
                .add("b.example.test. 60 IN A 0.0.0.0")
                .add("b.example.test. 60 IN AAAA ::1")
                .add("b.example.test. 60 IN AAAA fe80::1");

        Route route = strict(OwnIdentity.nobody()).resolve(Domain.of("example.test"));

        assertThat(route).isInstanceOfSatisfying(Route.Permanent.class, permanent -> assertThat(permanent.reason())
                .startsWith("550 5.4.4 no usable mail host for example.test: a.example.test 127.0.0.1 (loopback), "
                        + "a.example.test 169.254.169.254 (link-local), b.example.test 0.0.0.0 (unspecified)")
                .contains("(outpost.delivery.allow-private-addresses)"));
    }

    @Test
    void bouncesADomainWithoutMxWhoseOwnAddressIsPrivate() {
        dns.add("example.test. 60 IN A 192.168.1.10");

        Route route = strict(OwnIdentity.nobody()).resolve(Domain.of("example.test"));

        assertThat(route).isInstanceOfSatisfying(Route.Permanent.class, permanent -> assertThat(permanent.reason())
                .contains("example.test 192.168.1.10 (private (RFC 1918))"));
    }

    @Test
    void aNamedHostOfTheTransportMapMayBePrivate() {
        dns.add("relay.internal.test. 60 IN A 10.0.0.25");

        assertThat(hostnames(strict(OwnIdentity.nobody()).resolveHost("relay.internal.test")))
                .containsExactly("relay.internal.test");
    }

    @Test
    void bouncesWhenTheMostPreferredMxIsThisRelayItself() {
        dns.add("example.test. 60 IN MX 10 outpost.example.")
                .add("example.test. 60 IN MX 20 backup.example.test.")
                .add("outpost.example. 60 IN A 9.9.9.1")
                .add("backup.example.test. 60 IN A 9.9.9.2");

        Route route = strict(OwnIdentity.of(List.of("Outpost.Example"), List.of(), 25))
                .resolve(Domain.of("example.test"));

        // RFC 5321 §5.1: the backup, less preferred than this relay, is discarded too.
        assertThat(route)
                .isEqualTo(new Route.Permanent(
                        SmtpReply.of(554, "5.4.6", "mail for example.test loops back to myself (MX outpost.example)")));
    }

    @Test
    void usesOnlyTheMxMorePreferredThanThisRelay() {
        dns.add("example.test. 60 IN MX 5 primary.example.test.")
                .add("example.test. 60 IN MX 10 outpost.example.")
                .add("example.test. 60 IN MX 10 peer.example.test.")
                .add("example.test. 60 IN MX 20 backup.example.test.")
                .add("primary.example.test. 60 IN A 9.9.9.1")
                .add("outpost.example. 60 IN A 9.9.9.2")
                .add("peer.example.test. 60 IN A 9.9.9.3")
                .add("backup.example.test. 60 IN A 9.9.9.4");

        Route route = strict(OwnIdentity.of(List.of("outpost.example"), List.of(), 25))
                .resolve(Domain.of("example.test"));

        assertThat(hostnames(route)).containsExactly("primary.example.test");
    }

    @Test
    void anMxAtTheAddressAndPortThisRelayListensOnIsALoop() {
        dns.add("example.test. 60 IN MX 10 alias.example.test.").add("alias.example.test. 60 IN A 127.0.0.1");
        InetSocketAddress listening = new InetSocketAddress("0.0.0.0", 2525);

        Route sameport = allowingPrivate(OwnIdentity.of(List.of("outpost.test"), List.of(listening), 2525))
                .resolve(Domain.of("example.test"));
        Route otherPort = allowingPrivate(OwnIdentity.of(List.of("outpost.test"), List.of(listening), 25))
                .resolve(Domain.of("example.test"));

        assertThat(sameport).isInstanceOfSatisfying(Route.Permanent.class, p -> assertThat(p.reason())
                .startsWith("554 5.4.6"));
        assertThat(hostnames(otherPort)).containsExactly("alias.example.test");
    }

    private MxResolver strict(OwnIdentity self) {
        return new MxResolver(List.of(dns.address()), Duration.ofMillis(500), new Random(7), false, self);
    }

    private MxResolver allowingPrivate(OwnIdentity self) {
        return new MxResolver(List.of(dns.address()), Duration.ofMillis(500), new Random(7), true, self);
    }

    private static List<String> hostnames(Route route) {
        assertThat(route).isInstanceOf(Route.Hosts.class);
        return ((Route.Hosts) route).hosts().stream().map(MailHost::hostname).toList();
    }
}

package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.relay.testing.TestDnsServer;
import java.net.InetAddress;
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
        resolver = new MxResolver(List.of(dns.address()), Duration.ofMillis(500), new Random(7));
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

    private static List<String> hostnames(Route route) {
        assertThat(route).isInstanceOf(Route.Hosts.class);
        return ((Route.Hosts) route).hosts().stream().map(MailHost::hostname).toList();
    }
}

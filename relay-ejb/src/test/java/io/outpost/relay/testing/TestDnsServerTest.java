package io.outpost.relay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.relay.delivery.MxResolver;
import io.outpost.relay.delivery.OwnIdentity;
import io.outpost.relay.delivery.Route;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class TestDnsServerTest {

    @Test
    void answersTooLargeForUdpOverTcp() {
        try (TestDnsServer dns = new TestDnsServer().start()) {
            dns.add("example.test. 60 IN MX 10 mx.example.test.");
            for (int i = 1; i <= 60; i++) {
                dns.add("mx.example.test. 60 IN A 127.0.0." + i);
            }
            MxResolver resolver = new MxResolver(
                    List.of(dns.address()), Duration.ofSeconds(2), new Random(), true, OwnIdentity.nobody());

            Route route = resolver.resolve(Domain.of("example.test"));

            assertThat(((Route.Hosts) route).hosts().get(0).addresses()).hasSize(60);
        }
    }

    @Test
    void refusesNamesOutsideItsZones() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().start()) {
            dns.add("example.test. 60 IN A 127.0.0.1");
            SimpleResolver resolver = new SimpleResolver(dns.address());

            Message answer =
                    resolver.send(Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.A, 1)));

            assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(answer.getSection(Section.ANSWER)).isEmpty();
        }
    }

    @Test
    void startsOnAGivenPort() throws Exception {
        int port;
        try (TestDnsServer probe = new TestDnsServer().start()) {
            port = probe.port();
        }
        try (TestDnsServer dns = new TestDnsServer().start(port)) {
            dns.add("example.test. 60 IN A 127.0.0.1");
            Lookup lookup = new Lookup(Name.fromString("example.test."), Type.A);
            lookup.setResolver(new SimpleResolver(dns.address()));
            lookup.setCache(null);
            lookup.run();

            assertThat(dns.port()).isEqualTo(port);
            assertThat(lookup.getResult()).isEqualTo(Lookup.SUCCESSFUL);
        }
    }
}

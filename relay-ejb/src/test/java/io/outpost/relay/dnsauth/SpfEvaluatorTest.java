package io.outpost.relay.dnsauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.testing.TestDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpfEvaluatorTest {

    private static final TestDnsServer DNS = new TestDnsServer();
    private static SpfEvaluator spf;

    @BeforeAll
    static void publishRecords() {
        DNS.start();
        txt("ip4.test", "v=spf1 ip4:192.0.2.0/24 -all");
        txt("softfail.test", "v=spf1 ip4:192.0.2.10 ~all");
        // TXT character-strings are joined without a space (RFC 7208 §3.3).
        DNS.add("split.test. 60 IN TXT \"v=spf1 ip4:192.0.2.\" \"10 -all\"");
        txt("chain.test", "v=spf1 include:one.chain.test -all");
        txt("one.chain.test", "v=spf1 include:two.chain.test -all");
        txt("two.chain.test", "v=spf1 ip4:198.51.100.7 -all");
        txt("redirect.test", "v=spf1 redirect=_spf.target.test");
        txt("_spf.target.test", "v=spf1 ip4:203.0.113.0/28 -all");
        txt("a.test", "v=spf1 a:web.a.test/24 -all");
        DNS.add("web.a.test. 60 IN A 192.0.2.1");
        txt("dual.test", "v=spf1 a:host.dual.test/24//64 -all");
        DNS.add("host.dual.test. 60 IN AAAA 2001:db8:1::1");
        txt("mx.test", "v=spf1 mx/30 -all");
        DNS.add("mx.test. 60 IN MX 10 in.mx.test.");
        DNS.add("in.mx.test. 60 IN A 192.0.2.200");
        txt("ip6.test", "v=spf1 ip6:2001:db8::/32 -all");
        txt("toomany.test", "v=spf1 include:l1.toomany.test -all");
        for (int i = 1; i <= 10; i++) {
            txt("l" + i + ".toomany.test", "v=spf1 include:l" + (i + 1) + ".toomany.test -all");
        }
        txt("l11.toomany.test", "v=spf1 ip4:192.0.2.10 -all");
        txt("ten.test", "v=spf1 include:l2.toomany.test -all");
        txt("void.test", "v=spf1 a:n1.void.test a:n2.void.test a:n3.void.test +all");
        txt("twovoids.test", "v=spf1 a:n1.void.test a:n2.void.test +all");
        txt("two.test", "v=spf1 -all");
        txt("two.test", "v=spf1 +all");
        txt("other.test", "google-site-verification=abc");
        DNS.servfail("servfail.test.");
        txt("servfailinclude.test", "v=spf1 include:servfail.test -all");
        txt("emptyinclude.test", "v=spf1 include:other.test -all");
        txt("missinginclude.test", "v=spf1 include:nowhere.test -all");
        txt("macro.test", "v=spf1 exists:%{ir}.%{l1r-}._spf.%{d} -all");
        DNS.add("10.2.0.192.alice._spf.macro.test. 60 IN A 127.0.0.2");
        txt("bad.test", "v=spf1 ip4:192.0.2.300 -all");
        txt("unknown.test", "v=spf1 foo:bar -all");
        txt("neutral.test", "v=spf1 ?ip4:192.0.2.10");
        txt("manymx.test", "v=spf1 mx -all");
        for (int i = 1; i <= 11; i++) {
            DNS.add("manymx.test. 60 IN MX " + i + " mx" + i + ".manymx.test.");
        }
        txt("ptr.test", "v=spf1 ptr -all");
        spf = new SpfEvaluator(new DnsLookups(List.of(DNS.address()), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    record Case(String description, String ip, String domain, SpfVerdict verdict) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("passes via ip4", "192.0.2.10", "ip4.test", SpfVerdict.PASS),
                new Case("fails via -all", "198.51.100.1", "ip4.test", SpfVerdict.FAIL),
                new Case("softfails via ~all", "198.51.100.1", "softfail.test", SpfVerdict.SOFTFAIL),
                new Case("joins TXT strings", "192.0.2.10", "split.test", SpfVerdict.PASS),
                new Case("passes through an include chain", "198.51.100.7", "chain.test", SpfVerdict.PASS),
                new Case("fails when the include chain does not match", "198.51.100.8", "chain.test", SpfVerdict.FAIL),
                new Case("follows redirect", "203.0.113.5", "redirect.test", SpfVerdict.PASS),
                new Case("redirect gives the target's fail", "203.0.113.20", "redirect.test", SpfVerdict.FAIL),
                new Case("a with CIDR matches the network", "192.0.2.77", "a.test", SpfVerdict.PASS),
                new Case("a with CIDR leaves other networks", "192.0.3.1", "a.test", SpfVerdict.FAIL),
                new Case("a with dual CIDR matches IPv6", "2001:db8:1::ffff", "dual.test", SpfVerdict.PASS),
                new Case("a with dual CIDR leaves other IPv6", "2001:db8:2::1", "dual.test", SpfVerdict.FAIL),
                new Case("mx with CIDR matches", "192.0.2.201", "mx.test", SpfVerdict.PASS),
                new Case("mx with CIDR leaves other hosts", "192.0.2.204", "mx.test", SpfVerdict.FAIL),
                new Case("passes via ip6", "2001:db8:ab::1", "ip6.test", SpfVerdict.PASS),
                new Case("ip6 never matches IPv4", "192.0.2.10", "ip6.test", SpfVerdict.FAIL),
                new Case("eleven includes exceed the lookup limit", "192.0.2.10", "toomany.test", SpfVerdict.PERMERROR),
                new Case("ten includes stay within the limit", "192.0.2.10", "ten.test", SpfVerdict.PASS),
                new Case("three void lookups are a permerror", "192.0.2.10", "void.test", SpfVerdict.PERMERROR),
                new Case("two void lookups are allowed", "192.0.2.10", "twovoids.test", SpfVerdict.PASS),
                new Case("two SPF records are a permerror", "192.0.2.10", "two.test", SpfVerdict.PERMERROR),
                new Case("no record is none", "192.0.2.10", "nothing.test", SpfVerdict.NONE),
                new Case("only other TXT records is none", "192.0.2.10", "other.test", SpfVerdict.NONE),
                new Case("SERVFAIL is a temperror", "192.0.2.10", "servfail.test", SpfVerdict.TEMPERROR),
                new Case(
                        "SERVFAIL in an include is a temperror",
                        "192.0.2.10",
                        "servfailinclude.test",
                        SpfVerdict.TEMPERROR),
                new Case(
                        "include without SPF record is a permerror",
                        "192.0.2.10",
                        "emptyinclude.test",
                        SpfVerdict.PERMERROR),
                new Case(
                        "include of a missing domain is a permerror",
                        "192.0.2.10",
                        "missinginclude.test",
                        SpfVerdict.PERMERROR),
                new Case("bad ip4 address is a permerror", "192.0.2.10", "bad.test", SpfVerdict.PERMERROR),
                new Case("unknown mechanism is a permerror", "192.0.2.10", "unknown.test", SpfVerdict.PERMERROR),
                new Case("no match and no all is neutral", "192.0.2.11", "neutral.test", SpfVerdict.NEUTRAL),
                new Case("?-qualified match is neutral", "192.0.2.10", "neutral.test", SpfVerdict.NEUTRAL),
                new Case("more than ten MX names is a permerror", "192.0.2.10", "manymx.test", SpfVerdict.PERMERROR),
                new Case("single-label domain is none", "192.0.2.10", "localhost", SpfVerdict.NONE),
                new Case("ptr never matches", "192.0.2.10", "ptr.test", SpfVerdict.FAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesPublishedRecord(Case c) throws Exception {
        SpfResult result = spf.check(InetAddress.getByName(c.ip()), Domain.of(c.domain()));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(c.verdict());
        assertThat(result.explanation()).isNotBlank();
    }

    @Test
    void namesTheMatchingMechanism() throws Exception {
        SpfResult result = spf.check(InetAddress.getByName("198.51.100.7"), Domain.of("chain.test"));

        assertThat(result.mechanism()).contains("include:one.chain.test");
        assertThat(result.explanation()).contains("ip4:198.51.100.7");
    }

    @Test
    void explainsTheLookupLimit() throws Exception {
        SpfResult result = spf.check(InetAddress.getByName("192.0.2.10"), Domain.of("toomany.test"));

        assertThat(result.mechanism()).isEmpty();
        assertThat(result.explanation()).contains("more than 10 DNS-querying terms");
    }

    @Test
    void expandsSenderAndAddressMacros() throws Exception {
        SpfResult alice = spf.check(
                InetAddress.getByName("192.0.2.10"),
                new EmailAddress("alice-bob", Domain.of("macro.test")),
                Domain.of("helo.test"));
        SpfResult carol = spf.check(
                InetAddress.getByName("192.0.2.10"),
                new EmailAddress("carol", Domain.of("macro.test")),
                Domain.of("helo.test"));

        assertThat(alice.verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(carol.verdict()).isEqualTo(SpfVerdict.FAIL);
    }

    private static void txt(String name, String value) {
        DNS.add(name + ". 60 IN TXT \"" + value + "\"");
    }
}

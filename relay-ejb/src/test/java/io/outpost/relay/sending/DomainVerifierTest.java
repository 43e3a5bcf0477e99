package io.outpost.relay.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dnsauth.DmarcLookup;
import io.outpost.relay.dnsauth.DmarcRecord.Policy;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.dnsauth.SpfEvaluator;
import io.outpost.relay.sending.DomainExpectations.ExpectedDkimKey;
import io.outpost.relay.sending.DomainExpectations.OutboundIdentity;
import io.outpost.relay.testing.TestDnsServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DomainVerifierTest {

    private static final TestDnsServer DNS = new TestDnsServer();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String BOUNCE_HOST = "bounce.relay.test";
    private static final String RSA_TXT =
            DkimKeys.dnsTxtRecord(DkimKeys.generateRsa2048().getPublic());
    private static final String OTHER_RSA_TXT =
            DkimKeys.dnsTxtRecord(DkimKeys.generateRsa2048().getPublic());
    private static final String ED25519_TXT =
            DkimKeys.dnsTxtRecord(DkimKeys.generateEd25519().getPublic());

    private static DnsLookups lookups;
    private static DomainVerifier verifier;

    @BeforeAll
    static void start() {
        DNS.start();
        DNS.add(BOUNCE_HOST + ". 60 IN A 192.0.2.25");
        lookups = new DnsLookups(List.of(DNS.address()), TIMEOUT);
        verifier = new DomainVerifier(
                lookups, new SpfEvaluator(lookups), new DmarcLookup(lookups, new MinimalPublicSuffixes()));
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void findsEveryRecordOfADomainThatPublishedThemAll() throws Exception {
        DomainExpectations expected = new DomainExpectations(
                Domain.of("good.test"),
                List.of(rsaKey("s1"), new ExpectedDkimKey("e1", Algorithm.ED25519_SHA256, ED25519_TXT)),
                Domain.of("rp.good.test"),
                new OutboundIdentity(
                        List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::10")),
                        Optional.empty(),
                        Domain.of(BOUNCE_HOST)));
        for (PublishedRecord record : RecordsToPublish.of(expected)) {
            publish(record.name(), record.type(), record.value());
        }

        VerificationReport report = verifier.check(expected);

        assertThat(report.checks())
                .extracting(RecordCheck::name)
                .containsExactlyElementsOf(RecordsToPublish.of(expected).stream()
                        .map(PublishedRecord::name)
                        .toList());
        assertThat(report.checks())
                .allSatisfy(
                        check -> assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.FOUND));
        assertThat(report.dkimVerified("s1")).isTrue();
        assertThat(report.dkimVerified("e1")).isTrue();
        assertThat(report.dkimVerified("other")).isFalse();
        assertThat(report.dmarc())
                .hasValueSatisfying(p -> assertThat(p.effectivePolicy()).isEqualTo(Policy.NONE));
        assertThat(report.check(RecordKind.RETURN_PATH_MX, "rp.good.test"))
                .hasValueSatisfying(check -> assertThat(check.found()).contains(BOUNCE_HOST));
    }

    @Test
    void checksTheTrackingHostsCnameAgainstOutpostsTrackingHost() throws Exception {
        DomainExpectations good = withTrackingHost("click-good.test");
        DomainExpectations wrong = withTrackingHost("click-wrong.test");
        DomainExpectations none = withTrackingHost("click-none.test");
        publish("click.click-good.test", "CNAME", "T.Relay.Test.");
        publish("click.click-wrong.test", "CNAME", "elsewhere.test.");

        assertThat(verifier.check(good).check(RecordKind.TRACKING, "click.click-good.test"))
                .hasValueSatisfying(check -> assertThat(check.status()).isEqualTo(CheckStatus.FOUND));
        assertThat(verifier.check(wrong).check(RecordKind.TRACKING, "click.click-wrong.test"))
                .hasValueSatisfying(check -> assertThat(check.status()).isEqualTo(CheckStatus.WRONG));
        assertThat(verifier.check(none).check(RecordKind.TRACKING, "click.click-none.test"))
                .hasValueSatisfying(check -> assertThat(check.status()).isEqualTo(CheckStatus.MISSING));
        assertThat(RecordsToPublish.of(good))
                .filteredOn(record -> record.kind() == RecordKind.TRACKING)
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.type()).isEqualTo("CNAME");
                    assertThat(record.value()).isEqualTo("t.relay.test.");
                });
    }

    // A domain with no DKIM key to publish whose tracking host is click.<domain>, Outpost's being t.relay.test.
    private static DomainExpectations withTrackingHost(String domain) {
        return new DomainExpectations(
                Domain.of(domain),
                List.of(),
                Domain.of("rp." + domain),
                new OutboundIdentity(
                        List.of(), Optional.empty(), Domain.of(BOUNCE_HOST), Optional.of(Domain.of("t.relay.test"))),
                Optional.of(Domain.of("click." + domain)));
    }

    /** One row of a table: what is published, and the status and a part of the detail the check must give. */
    record Case(String description, List<String> published, CheckStatus status, String detail) {

        void assertMatches(RecordCheck check) {
            assertThat(check.status()).as(check.detail()).isEqualTo(status);
            assertThat(check.detail()).contains(detail);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> dkimCases() {
        String expectedKey = RSA_TXT.substring(RSA_TXT.indexOf("p=") + 2);
        return Stream.of(
                new Case("nothing published is missing", List.of(), CheckStatus.MISSING, "no DKIM key"),
                new Case(
                        "a TXT record that is no key is missing",
                        List.of(quoted("site-verification=abc")),
                        CheckStatus.MISSING,
                        "no DKIM key"),
                new Case(
                        "another key is wrong",
                        strings(OTHER_RSA_TXT),
                        CheckStatus.WRONG,
                        "not the one Outpost signs with"),
                new Case(
                        "an empty p= is a revoked key",
                        List.of(quoted("v=DKIM1; k=rsa; p=")),
                        CheckStatus.WRONG,
                        "revoked"),
                new Case(
                        "another key type is wrong",
                        strings("v=DKIM1; k=ed25519; p=" + expectedKey),
                        CheckStatus.WRONG,
                        "k=ed25519"),
                new Case(
                        "the key split into 255-character strings is found",
                        strings(RSA_TXT),
                        CheckStatus.FOUND,
                        "the one Outpost signs with"),
                new Case(
                        "the key with spaces, no v= and the default k= is found",
                        strings(" p = " + expectedKey.substring(0, 100) + " " + expectedKey.substring(100) + " ; t=y"),
                        CheckStatus.FOUND,
                        "the one Outpost signs with"),
                new Case(
                        "the key beside a revoked one is found",
                        List.of(String.join(" ", strings(RSA_TXT)), quoted("v=DKIM1; p=")),
                        CheckStatus.FOUND,
                        "remove the other key records"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dkimCases")
    void checksTheDkimKey(Case c) throws Exception {
        String domain = domainFor("dkim", c.description());
        for (String txt : c.published()) {
            DNS.add("s1._domainkey." + domain + ". 60 IN TXT " + txt);
        }

        RecordCheck check = check(expectations(domain, rsaKey("s1")), RecordKind.DKIM, "s1._domainkey." + domain);

        c.assertMatches(check);
        assertThat(check.expected()).isEqualTo(RSA_TXT);
        if (!c.published().isEmpty()) {
            assertThat(check.found()).isPresent();
        }
    }

    @Test
    void cannotTellADkimKeyWhenDnsFails() throws Exception {
        DNS.servfail("s1._domainkey.dkimfail.test.");

        RecordCheck check =
                check(expectations("dkimfail.test", rsaKey("s1")), RecordKind.DKIM, "s1._domainkey.dkimfail.test");

        assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check.found()).isEmpty();
    }

    static Stream<Case> spfCases() {
        return Stream.of(
                new Case("our address is found", List.of("v=spf1 ip4:192.0.2.10 -all"), CheckStatus.FOUND, ""),
                new Case(
                        "an include chain three levels deep is found",
                        List.of(
                                "v=spf1 mx include:one.%s ~all",
                                "one.=v=spf1 include:two.%s -all", "two.=v=spf1 ip4:192.0.2.0/24 -all"),
                        CheckStatus.FOUND,
                        ""),
                new Case(
                        "eleven nested includes are wrong",
                        Stream.concat(
                                        Stream.of("v=spf1 include:l1.%s -all"),
                                        Stream.iterate(1, i -> i <= 11, i -> i + 1)
                                                .map(i -> "l" + i + ".=v=spf1 "
                                                        + (i < 11 ? "include:l" + (i + 1) + ".%s" : "ip4:192.0.2.10")
                                                        + " -all"))
                                .toList(),
                        CheckStatus.WRONG,
                        "lookup"),
                new Case(
                        "a record without our address is a softfail",
                        List.of("v=spf1 ip4:198.51.100.1 ~all"),
                        CheckStatus.WRONG,
                        "192.0.2.10: softfail by '~all'"),
                new Case(
                        "a record that fails our address is wrong",
                        List.of("v=spf1 -all"),
                        CheckStatus.WRONG,
                        "192.0.2.10: fail"),
                new Case(
                        "no SPF record among other TXT records is missing",
                        List.of("site-verification=abc"),
                        CheckStatus.MISSING,
                        "no SPF record"),
                new Case(
                        "two SPF records are wrong",
                        List.of("v=spf1 ip4:192.0.2.10 -all", "v=spf1 -all"),
                        CheckStatus.WRONG,
                        "permerror"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spfCases")
    void checksTheDomainsSpfRecord(Case c) throws Exception {
        String domain = domainFor("spf", c.description());
        for (String line : c.published()) {
            // "prefix.=record" publishes at prefix.<domain>; %s is the domain.
            int at = line.indexOf(".=");
            String name = at < 0 ? domain : line.substring(0, at + 1) + domain;
            String text = (at < 0 ? line : line.substring(at + 2)).replace("%s", domain);
            DNS.add(name + ". 60 IN TXT " + quoted(text));
        }

        RecordCheck check = check(expectations(domain, address("192.0.2.10")), RecordKind.SPF, domain);

        c.assertMatches(check);
        if (c.status() != CheckStatus.MISSING) {
            assertThat(check.found()).isPresent();
        }
    }

    @Test
    void namesOnlyTheAddressesTheSpfRecordDoesNotAuthorise() {
        DNS.add("spfpartial.test. 60 IN TXT \"v=spf1 ip4:192.0.2.10 ~all\"");
        DomainExpectations expected = new DomainExpectations(
                Domain.of("spfpartial.test"),
                List.of(),
                Domain.of("rp.spfpartial.test"),
                new OutboundIdentity(
                        List.of(address("192.0.2.10"), address("2001:db8:0:0:0:0:0:10")),
                        Optional.empty(),
                        Domain.of(BOUNCE_HOST)));

        RecordCheck check = check(expected, RecordKind.SPF, "spfpartial.test");

        assertThat(check.status()).isEqualTo(CheckStatus.WRONG);
        assertThat(check.detail())
                .contains("2001:db8::10: softfail")
                .doesNotContain("192.0.2.10:")
                .contains("add ip4:192.0.2.10 ip6:2001:db8::10");
    }

    @Test
    void cannotTellSpfWhenDnsFails() throws Exception {
        DNS.servfail("spffail.test.");

        RecordCheck check = check(expectations("spffail.test", address("192.0.2.10")), RecordKind.SPF, "spffail.test");

        assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void cannotTellSpfWhenAnIncludeFails() throws Exception {
        DNS.add("spfincludefail.test. 60 IN TXT \"v=spf1 include:spfbroken.test -all\"");
        DNS.servfail("spfbroken.test.");

        RecordCheck check = check(
                expectations("spfincludefail.test", address("192.0.2.10")), RecordKind.SPF, "spfincludefail.test");

        assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check.detail()).contains("temperror");
    }

    @Test
    void findsTheOperatorsIncludeWithoutAddresses() {
        DNS.add("incl.test. 60 IN TXT \"v=spf1 mx INCLUDE:spf.relay.test ~all\"");
        DNS.add("rp.incl.test. 60 IN TXT \"v=spf1 redirect=spf.relay.test\"");
        DomainExpectations expected = new DomainExpectations(
                Domain.of("incl.test"),
                List.of(),
                Domain.of("rp.incl.test"),
                new OutboundIdentity(List.of(), Optional.of(Domain.of("spf.relay.test")), Domain.of(BOUNCE_HOST)));

        VerificationReport report = verifier.check(expected);

        assertThat(report.check(RecordKind.SPF, "incl.test"))
                .map(RecordCheck::status)
                .contains(CheckStatus.FOUND);
        assertThat(report.check(RecordKind.RETURN_PATH_SPF, "rp.incl.test"))
                .map(RecordCheck::status)
                .contains(CheckStatus.FOUND);
    }

    @Test
    void reportsARecordWithoutTheOperatorsIncludeAsWrong() {
        DNS.add("noincl.test. 60 IN TXT \"v=spf1 include:spf.relay.test.evil.test ~all\"");
        DomainExpectations expected = new DomainExpectations(
                Domain.of("noincl.test"),
                List.of(),
                Domain.of("rp.noincl.test"),
                new OutboundIdentity(List.of(), Optional.of(Domain.of("spf.relay.test")), Domain.of(BOUNCE_HOST)));

        VerificationReport report = verifier.check(expected);

        assertThat(report.check(RecordKind.SPF, "noincl.test")).hasValueSatisfying(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.WRONG);
            assertThat(check.detail()).contains("add include:spf.relay.test");
        });
        assertThat(report.check(RecordKind.RETURN_PATH_SPF, "rp.noincl.test"))
                .map(RecordCheck::status)
                .contains(CheckStatus.MISSING);
    }

    @Test
    void findsTheDomainsOwnDmarcRecord() throws Exception {
        DNS.add("_dmarc.dmarcown.test. 60 IN TXT \"v=DMARC1; p=quarantine\"");

        VerificationReport report = verifier.check(expectations("dmarcown.test", address("192.0.2.10")));

        assertThat(report.check(RecordKind.DMARC, "_dmarc.dmarcown.test")).hasValueSatisfying(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FOUND);
            assertThat(check.detail()).contains("p=quarantine").doesNotContain("inherited");
            assertThat(check.found()).contains("v=DMARC1; p=quarantine");
        });
        assertThat(report.dmarc())
                .hasValueSatisfying(p -> assertThat(p.inherited()).isFalse());
    }

    @Test
    void findsADmarcRecordInheritedFromTheOrganisationalDomain() throws Exception {
        DNS.add("_dmarc.dmarcorg.test. 60 IN TXT \"v=DMARC1; p=reject; sp=quarantine\"");

        VerificationReport report = verifier.check(expectations("mail.dmarcorg.test", address("192.0.2.10")));

        assertThat(report.check(RecordKind.DMARC, "_dmarc.mail.dmarcorg.test")).hasValueSatisfying(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FOUND);
            assertThat(check.detail())
                    .contains("inherited")
                    .contains("dmarcorg.test")
                    .contains("quarantine");
        });
        assertThat(report.dmarc()).hasValueSatisfying(p -> {
            assertThat(p.inherited()).isTrue();
            assertThat(p.foundAt()).isEqualTo(Domain.of("dmarcorg.test"));
        });
    }

    @Test
    void reportsAMissingDmarcRecord() throws Exception {
        DNS.add("dmarcnone.test. 60 IN A 192.0.2.1");

        VerificationReport report = verifier.check(expectations("dmarcnone.test", address("192.0.2.10")));

        assertThat(report.check(RecordKind.DMARC, "_dmarc.dmarcnone.test"))
                .map(RecordCheck::status)
                .contains(CheckStatus.MISSING);
        assertThat(report.dmarc()).isEmpty();
    }

    @Test
    void reportsABrokenDmarcRecordAsWrong() throws Exception {
        DNS.add("_dmarc.dmarcbad.test. 60 IN TXT \"v=DMARC1; p=maybe\"");

        VerificationReport report = verifier.check(expectations("dmarcbad.test", address("192.0.2.10")));

        assertThat(report.check(RecordKind.DMARC, "_dmarc.dmarcbad.test")).hasValueSatisfying(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.WRONG);
            assertThat(check.detail()).contains("invalid");
            assertThat(check.found()).contains("v=DMARC1; p=maybe");
        });
        assertThat(report.dmarc()).isEmpty();
    }

    @Test
    void cannotTellDmarcWhenDnsFails() throws Exception {
        DNS.servfail("_dmarc.dmarcfail.test.");

        VerificationReport report = verifier.check(expectations("dmarcfail.test", address("192.0.2.10")));

        assertThat(report.check(RecordKind.DMARC, "_dmarc.dmarcfail.test"))
                .map(RecordCheck::status)
                .contains(CheckStatus.UNKNOWN);
    }

    @ParameterizedTest(name = "MX {0} is {1}")
    @MethodSource("mxCases")
    void checksTheReturnPathMx(String published, CheckStatus status) throws Exception {
        String domain = domainFor("mx", published);
        if (!published.isEmpty()) {
            for (String host : published.split(",")) {
                DNS.add("rp." + domain + ". 60 IN MX 10 " + host + ".");
            }
        }

        RecordCheck check =
                check(expectations(domain, address("192.0.2.10")), RecordKind.RETURN_PATH_MX, "rp." + domain);

        assertThat(check.status()).isEqualTo(status);
        if (status == CheckStatus.WRONG) {
            assertThat(check.found()).contains(published.replace(",", " | "));
        }
    }

    static Stream<Arguments> mxCases() {
        return Stream.of(
                Arguments.of("BOUNCE.relay.test", CheckStatus.FOUND),
                Arguments.of("mx.other.test,bounce.relay.test", CheckStatus.FOUND),
                Arguments.of("mx.other.test", CheckStatus.WRONG),
                Arguments.of("", CheckStatus.MISSING));
    }

    @Test
    void aRecordThatTimesOutDoesNotHoldUpTheOthers() throws Exception {
        DNS.add("slow.test. 60 IN TXT \"v=spf1 ip4:192.0.2.10 -all\"");
        DNS.drop("s1._domainkey.slow.test.");
        DNS.drop("_dmarc.slow.test.");
        DNS.drop("rp.slow.test.");
        long start = System.nanoTime();
        lookups.txt("rp.slow.test");
        Duration one = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        VerificationReport report = verifier.check(expectations("slow.test", address("192.0.2.10"), rsaKey("s1")));
        Duration all = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.checks())
                .extracting(RecordCheck::kind, RecordCheck::status)
                .containsExactly(
                        tuple(RecordKind.DKIM, CheckStatus.UNKNOWN),
                        tuple(RecordKind.SPF, CheckStatus.FOUND),
                        tuple(RecordKind.DMARC, CheckStatus.UNKNOWN),
                        tuple(RecordKind.RETURN_PATH_MX, CheckStatus.UNKNOWN),
                        tuple(RecordKind.RETURN_PATH_SPF, CheckStatus.UNKNOWN));
        assertThat(all).isLessThan(one.multipliedBy(2));
    }

    /** A domain of its own for one row of a table, so that rows do not see each other's records. */
    private static String domainFor(String prefix, String row) {
        String domain = prefix + Math.abs(row.hashCode()) + ".test";
        DNS.add(domain + ". 60 IN A 192.0.2.1");
        return domain;
    }

    private static RecordCheck check(DomainExpectations expected, RecordKind kind, String name) {
        return verifier.check(expected).check(kind, name).orElseThrow();
    }

    private static DomainExpectations expectations(String domain, InetAddress address, ExpectedDkimKey... keys) {
        return new DomainExpectations(
                Domain.of(domain),
                List.of(keys),
                Domain.of("rp." + domain),
                new OutboundIdentity(List.of(address), Optional.empty(), Domain.of(BOUNCE_HOST)));
    }

    private static DomainExpectations expectations(String domain, ExpectedDkimKey key) {
        return expectations(domain, address("192.0.2.10"), key);
    }

    private static ExpectedDkimKey rsaKey(String selector) {
        return new ExpectedDkimKey(selector, Algorithm.RSA_SHA256, RSA_TXT);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void publish(String name, String type, String value) {
        String data = type.equals("TXT") ? String.join(" ", strings(value)) : value;
        DNS.add(name + ". 60 IN " + type + " " + data);
    }

    /** The record as quoted 255-character strings in master-file syntax, as {@link DkimKeys#txtStrings} cuts it. */
    private static List<String> strings(String record) {
        return List.of(DkimKeys.txtStrings(record).stream()
                .map(DomainVerifierTest::quoted)
                .collect(Collectors.joining(" ")));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}

package io.outpost.relay.dnsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpfMacrosTest {

    /** The examples of RFC 7208 §7.4. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "%{s}                       | strong-bad@email.example.com",
                "%{o}                       | email.example.com",
                "%{d}                       | email.example.com",
                "%{d4}                      | email.example.com",
                "%{d3}                      | email.example.com",
                "%{d2}                      | example.com",
                "%{d1}                      | com",
                "%{dr}                      | com.example.email",
                "%{d2r}                     | example.email",
                "%{l}                       | strong-bad",
                "%{l-}                      | strong.bad",
                "%{lr}                      | strong-bad",
                "%{lr-}                     | bad.strong",
                "%{l1r-}                    | strong",
                "%{ir}.%{v}._spf.%{d2}      | 3.2.0.192.in-addr._spf.example.com",
                "%{lr-}.lp._spf.%{d2}       | bad.strong.lp._spf.example.com",
                "%{lr-}.lp.%{ir}.%{v}._spf.%{d2} | bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
                "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2} | 3.2.0.192.in-addr.strong.lp._spf.example.com",
                "%{d2}.trusted-domains.example.net | example.com.trusted-domains.example.net",
                "%{h}.helo.test             | mx.example.org.helo.test",
            })
    void expandsRfcExamples(String spec, String expected) throws Exception {
        assertThat(SpfMacros.expandDomain(spec, context("192.0.2.3"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%{ir}.%{v}._spf.%{d2}"})
    void expandsIpv6AsNibbles(String spec) throws Exception {
        assertThat(SpfMacros.expandDomain(spec, context("2001:db8::cb01")))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%{x}.example.com", "%{d0}", "%{c}.example.com", "%{d", "50%", "%a", "%{d2!}", "%{d00}"})
    void refusesMalformedMacros(String spec) {
        assertThatThrownBy(() -> SpfMacros.validate(spec)).isInstanceOf(SpfSyntaxException.class);
    }

    private static SpfMacros.Context context(String ip) throws Exception {
        return new SpfMacros.Context(
                "strong-bad", "email.example.com", InetAddress.getByName(ip), "email.example.com", "mx.example.org");
    }
}

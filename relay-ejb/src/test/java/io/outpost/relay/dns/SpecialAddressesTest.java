package io.outpost.relay.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, unspecified",
        "::, unspecified",
        "127.0.0.1, loopback",
        "127.255.0.9, loopback",
        "::1, loopback",
        "64:ff9b::a00:1, NAT64",
        "64:ff9b:1::1, NAT64 (local use)",
        "2001:0:4136:e378::1, Teredo",
        "2002:a00:1::1, 6to4",
        "10.0.0.1, private (RFC 1918)",
        "172.16.5.4, private (RFC 1918)",
        "172.31.255.255, private (RFC 1918)",
        "192.168.0.1, private (RFC 1918)",
        "::ffff:192.168.0.1, private (RFC 1918)",
        "fd12:3456::1, private (unique local)",
        "fc00::1, private (unique local)",
        "169.254.169.254, link-local",
        "fe80::1, link-local",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "0.1.2.3, this-network",
        "100.64.0.1, shared (carrier-grade NAT)",
        "192.0.2.1, documentation",
        "2001:db8::1, documentation",
        "198.18.0.1, benchmarking",
        "255.255.255.255, reserved",
    })
    void namesTheKindOfASpecialAddress(String address, String kind) throws Exception {
        assertThat(SpecialAddresses.kindOf(InetAddress.getByName(address))).contains(kind);
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"9.9.9.9", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2a00:1450:4001::1", "fe00::1"})
    void leavesGlobalAddressesAlone(String address) throws Exception {
        assertThat(SpecialAddresses.kindOf(InetAddress.getByName(address))).isEmpty();
    }
}

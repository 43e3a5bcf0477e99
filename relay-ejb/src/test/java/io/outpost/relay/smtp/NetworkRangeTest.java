package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table-driven cases for CIDR parsing and matching. */
class NetworkRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "192.0.2.0/24, 192.0.2.77, true",
        "192.0.2.0/24, 192.0.3.1, false",
        "10.0.0.0/8, 10.255.255.255, true",
        "192.0.2.128/25, 192.0.2.127, false",
        "192.0.2.128/25, 192.0.2.200, true",
        "192.0.2.9, 192.0.2.9, true",
        "192.0.2.9, 192.0.2.10, false",
        "0.0.0.0/0, 203.0.113.5, true",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1/128, ::1, true",
        "192.0.2.0/24, 2001:db8::1, false",
        "2001:db8::/32, 192.0.2.1, false"
    })
    void matchesAddressesInsideTheNetworkOnly(String cidr, String address, boolean expected) throws Exception {
        assertThat(NetworkRange.parse(cidr).contains(InetAddress.getByName(address)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.com/24", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/x", "", "10.0.0.0/-1"})
    void rejectsMalformedNetworks(String cidr) {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRange.parse(cidr));
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1, true",
        "192.0.2.1, 192.0.2.2, false",
        "2001:db8:1:2::1, 2001:db8:1:2:ffff:ffff:ffff:ffff, true",
        "2001:db8:1:2::1, 2001:db8:1:3::1, false"
    })
    void countsAnIpv4AddressOrAnIpv6Slash64AsOneClient(String a, String b, boolean same) throws Exception {
        NetworkRange first = NetworkRange.clientNetworkOf(InetAddress.getByName(a));
        NetworkRange second = NetworkRange.clientNetworkOf(InetAddress.getByName(b));
        assertThat(first.equals(second)).isEqualTo(same);
        if (same) {
            assertThat(first.hashCode()).isEqualTo(second.hashCode());
        }
    }

    @Test
    void isOneNetworkWhateverHostBitsItWasWrittenWith() {
        assertThat(NetworkRange.parse("192.0.2.77/24")).isEqualTo(NetworkRange.parse("192.0.2.0/24"));
        assertThat(NetworkRange.parse("192.0.2.0/24")).isNotEqualTo(NetworkRange.parse("192.0.2.0/25"));
    }
}

package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven cases for who may relay where. */
class RelayPolicyTest {

    private final RelayPolicy policy =
            RelayPolicy.of(List.of("192.0.2.0/24", "2001:db8::/32"), List.of(Domain.of("example.org")));

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource({
        "192.0.2.10, bob@elsewhere.example, true",
        "2001:db8::5, bob@elsewhere.example, true",
        "203.0.113.9, bob@elsewhere.example, false",
        "203.0.113.9, bob@example.org, true",
        "203.0.113.9, bob@EXAMPLE.ORG, true",
        "203.0.113.9, bob@sub.example.org, false"
    })
    void relaysForTrustedNetworksAndToLocalDomainsOnly(String client, String recipient, boolean allowed)
            throws Exception {
        assertThat(policy.mayRelayTo(InetAddress.getByName(client), EmailAddress.parse(recipient)))
                .isEqualTo(allowed);
    }

    @Test
    void trustsNobodyByDefault() throws Exception {
        RelayPolicy nothing = RelayPolicy.nothingTrusted();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(nothing.isTrusted(loopback)).isFalse();
        assertThat(nothing.mayRelayTo(loopback, EmailAddress.parse("bob@example.org")))
                .isFalse();
    }

    @Test
    void namesTheTenantOfANetworkTrustedOnItsBehalf() throws Exception {
        RelayPolicy policy = RelayPolicy.of(List.of("192.0.2.0/24=acme", "198.51.100.0/24"), List.of());
        assertThat(policy.networkIdentity(InetAddress.getByName("192.0.2.7")))
                .contains(new Identity(TenantId.of("acme"), "network 192.0.2.0/24"));
        assertThat(policy.networkIdentity(InetAddress.getByName("198.51.100.7")))
                .isEmpty();
        assertThat(policy.isTrusted(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(policy.networkIdentity(InetAddress.getByName("203.0.113.7"))).isEmpty();
    }

    @Test
    void refusesATrustedNetworkWithAnEmptyTenant() {
        assertThatThrownBy(() -> RelayPolicy.of(List.of("192.0.2.0/24="), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a tenant");
    }
}

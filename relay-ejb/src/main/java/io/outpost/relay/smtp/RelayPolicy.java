package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may relay: authenticated clients and clients on trusted networks (CIDR, IPv4 and IPv6) may send anywhere; anyone
 * may send to a local domain. Everything else is refused by the {@code relay-control} rule that applies this policy, so
 * Outpost is never an open relay (RFC 5321 §3.6.2, RFC 2505).
 *
 * <p>A trusted network is written {@code cidr=tenant} to trust it on behalf of one tenant (an IP-based credential,
 * like Postal's): its clients are then bound by that tenant's sending domains as if they had authenticated. A bare
 * {@code cidr} trusts the operator's own hosts with no such binding, like Postfix's {@code mynetworks}.
 */
public final class RelayPolicy {

    private static final RelayPolicy NOTHING_TRUSTED = new RelayPolicy(List.of(), Set.of());

    /** A trusted network and, when it is trusted on behalf of one tenant, that tenant. */
    private record TrustedNetwork(NetworkRange range, Optional<TenantId> tenant) {

        static TrustedNetwork parse(String entry) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                return new TrustedNetwork(NetworkRange.parse(entry), Optional.empty());
            }
            String tenant = entry.substring(equals + 1).trim();
            if (tenant.isEmpty()) {
                throw new IllegalArgumentException("trusted network without a tenant after '=': " + entry);
            }
            // A tenant id that is none is a configuration error at start-up, not a refusal at every message.
            return new TrustedNetwork(
                    NetworkRange.parse(entry.substring(0, equals).trim()), Optional.of(TenantId.of(tenant)));
        }

        @Override
        public String toString() {
            return range + tenant.map(t -> "=" + t).orElse("");
        }
    }

    private final List<TrustedNetwork> trustedNetworks;
    private final Set<Domain> localDomains;

    private RelayPolicy(List<TrustedNetwork> trustedNetworks, Set<Domain> localDomains) {
        this.trustedNetworks = trustedNetworks;
        this.localDomains = localDomains;
    }

    /**
     * Entries are {@code cidr} or {@code cidr=tenant}. Throws {@link IllegalArgumentException} for a malformed one, so
     * bad configuration fails at start-up.
     */
    public static RelayPolicy of(List<String> trustedNetworks, List<Domain> localDomains) {
        return new RelayPolicy(
                trustedNetworks.stream().map(TrustedNetwork::parse).toList(), Set.copyOf(localDomains));
    }

    /**
     * The identity a client on a network trusted on behalf of a tenant sends as (the first matching network wins), or
     * empty for a client on no such network.
     */
    public Optional<Identity> networkIdentity(InetAddress client) {
        return trustedNetworks.stream()
                .filter(network -> network.range().contains(client))
                .findFirst()
                .flatMap(network -> network.tenant().map(tenant -> new Identity(tenant, "network " + network.range())));
    }

    /** The default: no trusted network, no local domain; every relay attempt is refused. */
    public static RelayPolicy nothingTrusted() {
        return NOTHING_TRUSTED;
    }

    /** True if the client is on a trusted network; its messages count as submissions (RFC 6409). */
    public boolean isTrusted(InetAddress client) {
        return trustedNetworks.stream().anyMatch(network -> network.range().contains(client));
    }

    /** True if the client may send to this recipient: it is trusted, or the recipient's domain is local. */
    public boolean mayRelayTo(InetAddress client, EmailAddress recipient) {
        return localDomains.contains(recipient.domain()) || isTrusted(client);
    }

    @Override
    public String toString() {
        return "RelayPolicy[trusted=" + trustedNetworks + ", localDomains=" + localDomains + "]";
    }
}

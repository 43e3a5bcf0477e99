package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may relay: authenticated clients and clients on trusted networks (CIDR, IPv4 and IPv6) may send anywhere; anyone
 * may send to a local domain. Everything else is refused, so Outpost is never an open relay (RFC 5321 §3.6.2, RFC 2505).
 */
public final class RelayPolicy {

    private static final RelayPolicy NOTHING_TRUSTED = new RelayPolicy(List.of(), Set.of());

    private final List<NetworkRange> trustedNetworks;
    private final Set<Domain> localDomains;

    private RelayPolicy(List<NetworkRange> trustedNetworks, Set<Domain> localDomains) {
        this.trustedNetworks = trustedNetworks;
        this.localDomains = localDomains;
    }

    /** Throws {@link IllegalArgumentException} for a malformed network, so bad configuration fails at start-up. */
    public static RelayPolicy of(List<String> trustedCidrs, List<Domain> localDomains) {
        return new RelayPolicy(trustedCidrs.stream().map(NetworkRange::parse).toList(), Set.copyOf(localDomains));
    }

    /** The default: no trusted network, no local domain; every relay attempt is refused. */
    public static RelayPolicy nothingTrusted() {
        return NOTHING_TRUSTED;
    }

    /** True if the client is on a trusted network; its messages count as submissions (RFC 6409). */
    public boolean isTrusted(InetAddress client) {
        return trustedNetworks.stream().anyMatch(network -> network.contains(client));
    }

    /** True if the client may send to this recipient: it is trusted, or the recipient's domain is local. */
    public boolean mayRelayTo(InetAddress client, EmailAddress recipient) {
        return localDomains.contains(recipient.domain()) || isTrusted(client);
    }

    /** True if the client has authenticated, or {@link #mayRelayTo(InetAddress, EmailAddress)} lets it relay. */
    public boolean mayRelayTo(InetAddress client, Optional<Identity> identity, EmailAddress recipient) {
        // RFC 6409 §4.3 and RFC 4954 §1: an authenticated client submits, and a submission may go anywhere.
        return identity.isPresent() || mayRelayTo(client, recipient);
    }

    @Override
    public String toString() {
        return "RelayPolicy[trusted=" + trustedNetworks + ", localDomains=" + localDomains + "]";
    }
}

package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dkim.DkimKey;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides which DNS records a sending domain needs: its published DKIM keys, its return-path domain and
 * the operator's outbound identity.
 *
 * @param dkim the selectors whose keys must be in DNS now (the active ones, ones waiting to become active, and retiring
 *     ones still inside their overlap)
 * @param trackingHost the domain's own name for its tracked links, if it has one
 */
public record DomainExpectations(
        Domain domain,
        List<ExpectedDkimKey> dkim,
        Domain returnPathDomain,
        OutboundIdentity outbound,
        Optional<Domain> trackingHost) {

    /** A domain without a tracking host of its own. */
    public DomainExpectations(
            Domain domain, List<ExpectedDkimKey> dkim, Domain returnPathDomain, OutboundIdentity outbound) {
        this(domain, dkim, returnPathDomain, outbound, Optional.empty());
    }

    public DomainExpectations {
        Objects.requireNonNull(domain, "domain");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(returnPathDomain, "returnPathDomain");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(trackingHost, "trackingHost");
    }

    /**
     * A DKIM public key that must be published.
     *
     * @param txtValue the whole TXT record value, {@code v=DKIM1; k=...; p=...} (as {@code DkimKeys.dnsTxtRecord})
     */
    public record ExpectedDkimKey(String selector, DkimKey.Algorithm algorithm, String txtValue) {

        public ExpectedDkimKey {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(txtValue, "txtValue");
        }
    }

    /**
     * What the operator configured about where Outpost's mail comes from and where bounces go.
     *
     * @param addresses the addresses Outpost sends from, authorised with {@code ip4:}/{@code ip6:}
     * @param spfInclude an SPF record the operator runs for those addresses; when present it is used ({@code
     *     include:}) instead of listing the addresses
     * @param bounceMxHost the host that receives mail for return-path domains
     * @param trackingTarget the host of {@code outpost.tracking.base-url}, which domains' tracking hosts point at; empty
     *     when that is an address, which no CNAME can name
     */
    public record OutboundIdentity(
            List<InetAddress> addresses,
            Optional<Domain> spfInclude,
            Domain bounceMxHost,
            Optional<Domain> trackingTarget) {

        /** No tracking host to point at. */
        public OutboundIdentity(List<InetAddress> addresses, Optional<Domain> spfInclude, Domain bounceMxHost) {
            this(addresses, spfInclude, bounceMxHost, Optional.empty());
        }

        public OutboundIdentity {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(spfInclude, "spfInclude");
            Objects.requireNonNull(bounceMxHost, "bounceMxHost");
            Objects.requireNonNull(trackingTarget, "trackingTarget");
        }

        /** True if SPF can be suggested and checked at all: some address or an include is configured. */
        public boolean spfConfigured() {
            return !addresses.isEmpty() || spfInclude.isPresent();
        }
    }
}

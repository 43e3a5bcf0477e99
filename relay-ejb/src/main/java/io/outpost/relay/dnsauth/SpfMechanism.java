package io.outpost.relay.dnsauth;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One directive of an SPF record: a qualifier and a mechanism (RFC 7208 §4.6.1, §5).
 *
 * @param domainSpec the target as written, macros unexpanded; empty means the current domain (a, mx, ptr) or, for ip4
 *     and ip6, no name at all
 * @param network the address of ip4 and ip6; empty for the other mechanisms
 * @param ip4Prefix the IPv4 CIDR length (RFC 7208 §5.6), 32 unless written
 * @param ip6Prefix the IPv6 CIDR length, 128 unless written
 * @param text the directive as written, for explanations
 */
record SpfMechanism(
        SpfQualifier qualifier,
        Kind kind,
        Optional<String> domainSpec,
        Optional<InetAddress> network,
        int ip4Prefix,
        int ip6Prefix,
        String text) {

    /** The mechanisms of RFC 7208 §5. */
    enum Kind {
        ALL,
        INCLUDE,
        A,
        MX,
        PTR,
        IP4,
        IP6,
        EXISTS;

        /** RFC 7208 §4.6.4: these query DNS and count towards the limit of 10. */
        boolean queriesDns() {
            return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
        }
    }
}

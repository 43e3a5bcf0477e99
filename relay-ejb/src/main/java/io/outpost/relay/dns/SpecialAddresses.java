package io.outpost.relay.dns;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Addresses that are not on the public internet: loopback, private, link-local, unspecified, multicast and the other
 * special-purpose blocks of the IANA registries (RFC 6890). A mail host or webhook endpoint that DNS places at one of
 * them is either misconfigured or an attempt to make the relay connect into its own network, so delivery and webhooks
 * skip it unless the operator allows such addresses.
 */
public final class SpecialAddresses {

    private record Block(BigInteger network, int prefixLength, int bits, String kind) {

        static Block of(String address, int prefixLength, String kind) {
            byte[] bytes = literal(address).getAddress();
            return new Block(new BigInteger(1, bytes), prefixLength, bytes.length * 8, kind);
        }

        boolean contains(byte[] address) {
            int shift = bits - prefixLength;
            return address.length * 8 == bits
                    && new BigInteger(1, address).shiftRight(shift).equals(network.shiftRight(shift));
        }
    }

    // The blocks the JDK's own predicates below do not cover (RFC 6890 §2.2.2 and §2.2.3).
    private static final List<Block> BLOCKS = List.of(
            Block.of("0.0.0.0", 8, "this-network"),
            Block.of("100.64.0.0", 10, "shared (carrier-grade NAT)"),
            Block.of("192.0.0.0", 24, "IETF protocol assignment"),
            Block.of("192.0.2.0", 24, "documentation"),
            Block.of("198.18.0.0", 15, "benchmarking"),
            Block.of("198.51.100.0", 24, "documentation"),
            Block.of("203.0.113.0", 24, "documentation"),
            Block.of("240.0.0.0", 4, "reserved"),
            Block.of("::", 96, "IPv4-compatible"),
            // Addresses that carry an IPv4 address inside, which may be a private one reached through a gateway:
            // NAT64 (RFC 6052, RFC 8215), Teredo (RFC 4380) and 6to4 (RFC 3056, deprecated by RFC 7526).
            Block.of("64:ff9b::", 96, "NAT64"),
            Block.of("64:ff9b:1::", 48, "NAT64 (local use)"),
            Block.of("2001::", 32, "Teredo"),
            Block.of("2002::", 16, "6to4"),
            Block.of("100::", 64, "discard-only"),
            Block.of("2001:db8::", 32, "documentation"),
            Block.of("fc00::", 7, "private (unique local)"));

    private SpecialAddresses() {}

    /** What kind of special address {@code address} is, or empty for a global unicast address. */
    public static Optional<String> kindOf(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of(address instanceof Inet4Address ? "private (RFC 1918)" : "site-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] bytes = address.getAddress();
        return BLOCKS.stream().filter(b -> b.contains(bytes)).map(Block::kind).findFirst();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + address, e);
        }
    }
}

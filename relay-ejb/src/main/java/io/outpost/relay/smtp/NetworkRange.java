package io.outpost.relay.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation (RFC 4632 §3.1), such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. */
final class NetworkRange {

    // Only IP literals: a host name here would trigger a DNS look-up and make trust depend on DNS answers.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private NetworkRange(byte[] address, int prefixLength, String text) {
        this.network = withoutHostBits(address, prefixLength);
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** Parses {@code address[/prefix]}; a bare address is a single host. Host bits beyond the prefix are ignored. */
    static NetworkRange parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!IP_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("not an IP network: " + cidr);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP network: " + cidr, e);
        }
        int bits = address.length * 8;
        int prefix = slash < 0 ? bits : prefixLength(trimmed.substring(slash + 1), cidr);
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new NetworkRange(address, prefix, trimmed);
    }

    /**
     * The network that counts as one client when limiting what a client does: the address itself for IPv4, its /64 for
     * IPv6, as one host or site usually holds a whole /64 (RFC 6177 §2) and must not count as 2^64 clients.
     */
    static NetworkRange clientNetworkOf(InetAddress address) {
        int prefix = address.getAddress().length == 4 ? 32 : 64;
        return new NetworkRange(address.getAddress(), prefix, address.getHostAddress() + "/" + prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static int prefixLength(String digits, String cidr) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length: " + cidr, e);
        }
    }

    // Equal when they are one network, whatever host bits the text carried.
    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkRange range
                && prefixLength == range.prefixLength
                && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    private static byte[] withoutHostBits(byte[] address, int prefixLength) {
        byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    @Override
    public String toString() {
        return text;
    }
}

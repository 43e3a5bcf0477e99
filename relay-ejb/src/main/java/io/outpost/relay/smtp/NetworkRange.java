package io.outpost.relay.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation (RFC 4632 §3.1), such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. */
final class NetworkRange {

    // Only IP literals: a host name here would trigger a DNS look-up and make trust depend on DNS answers.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private NetworkRange(byte[] network, int prefixLength, String text) {
        this.network = network;
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

    @Override
    public String toString() {
        return text;
    }
}

package io.outpost.relay.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names and addresses by which this relay is known in mail transactions (RFC 5321 §5.1): an MX host that is one of
 * them would hand the mail straight back, so it and every less preferred MX are discarded.
 *
 * <p>A name is this relay when it is one of its host names (the one it greets with, the MX its return-path domains
 * publish). An address is this relay only when the outbound port is one this
 * relay listens on, and the address is where it listens: the bound address, or with a wildcard bind any address of
 * this machine's interfaces.
 */
public final class OwnIdentity {

    private final Set<String> names;
    private final List<InetSocketAddress> listening;
    private final int outboundPort;

    private OwnIdentity(Set<String> names, List<InetSocketAddress> listening, int outboundPort) {
        this.names = names;
        this.listening = List.copyOf(listening);
        this.outboundPort = outboundPort;
    }

    /**
     * @param hostnames the names this relay is known by (EHLO and greeting, the return-path domains' MX)
     * @param listening where this relay accepts SMTP
     * @param outboundPort the port delivery connects to
     */
    public static OwnIdentity of(List<String> hostnames, List<InetSocketAddress> listening, int outboundPort) {
        return new OwnIdentity(
                hostnames.stream().map(OwnIdentity::normalised).collect(Collectors.toUnmodifiableSet()),
                listening,
                outboundPort);
    }

    /** Known by no name or address: nothing is a loop. For tests of everything else. */
    public static OwnIdentity nobody() {
        return new OwnIdentity(Set.of(), List.of(), 0);
    }

    /** True if {@code hostname} (a DNS name, trailing dot or not) is one of this relay's names. */
    boolean isNamed(String hostname) {
        return names.contains(normalised(hostname));
    }

    /** True if a connection to {@code address} on the outbound port would reach this relay. */
    boolean listensAt(InetAddress address) {
        for (InetSocketAddress socket : listening) {
            if (socket.getPort() != outboundPort) {
                continue;
            }
            InetAddress bound = socket.getAddress();
            if (bound.equals(address) || (bound.isAnyLocalAddress() && isThisMachine(address))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isThisMachine(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static String normalised(String hostname) {
        String lower = hostname.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}

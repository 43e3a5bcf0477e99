package io.outpost.relay.audience;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address as text (a proof's, an import's), read without ever asking DNS. */
public final class IpLiteral {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?");

    private IpLiteral() {}

    /**
     * The address {@code text} writes.
     *
     * @throws IllegalArgumentException if it is no IPv4 or IPv6 literal
     */
    public static InetAddress parse(String text) {
        // Only a literal reaches InetAddress: a name there would be looked up in DNS.
        if (!V4.matcher(text).matches() && !V6.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }
}

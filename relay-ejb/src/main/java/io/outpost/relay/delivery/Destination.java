package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import java.util.OptionalInt;
import org.xbill.DNS.Address;

/**
 * A host to hand mail to directly, bypassing MX look-up: a name (looked up for A/AAAA) or an IP literal, with the port
 * when it differs from the configured outbound port.
 */
public record Destination(String host, OptionalInt port) {

    public Destination {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("destination needs a host");
        }
        if (!isIpLiteral(host)) {
            host = Domain.of(host).ascii();
        }
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port.getAsInt());
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}; brackets are needed
     * around an IPv6 address only when a port follows.
     */
    public static Destination parse(String text) {
        String value = text.strip();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in destination: " + text);
            }
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("unexpected text after ']' in destination: " + text);
            }
            return new Destination(value.substring(1, close), rest.isEmpty() ? OptionalInt.empty() : port(rest, text));
        }
        int colon = value.indexOf(':');
        if (colon < 0 || value.indexOf(':', colon + 1) >= 0) {
            return new Destination(value, OptionalInt.empty());
        }
        return new Destination(value.substring(0, colon), port(value.substring(colon), text));
    }

    /** True if the host is an IPv4 or IPv6 address rather than a name. */
    public boolean isIpLiteral() {
        return isIpLiteral(host);
    }

    @Override
    public String toString() {
        String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? shown + ":" + port.getAsInt() : shown;
    }

    private static OptionalInt port(String colonAndPort, String text) {
        try {
            return OptionalInt.of(Integer.parseInt(colonAndPort.substring(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in destination: " + text, e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return Address.toByteArray(host, Address.IPv4) != null || Address.toByteArray(host, Address.IPv6) != null;
    }
}

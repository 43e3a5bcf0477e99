package io.outpost.relay.dnsauth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Expands the macros of an SPF domain-spec (RFC 7208 §7): letters s, l, o, d, i, p, v, h with the digit and "r"
 * transformers and custom delimiters. The explanation-only letters c, r, t are refused, as exp= is not evaluated.
 */
final class SpfMacros {

    private static final String DELIMITERS = ".-+,/_=";
    // RFC 7208 §7.3: the expanded domain is shortened from the left to at most 253 characters.
    private static final int MAX_DOMAIN = 253;

    /** What the letters stand for during one check. */
    record Context(String localPart, String senderDomain, InetAddress ip, String domain, String helo) {}

    private SpfMacros() {}

    /** Checks the macro syntax of {@code spec} without expanding it. */
    static void validate(String spec) throws SpfSyntaxException {
        expand(spec, null);
    }

    /** The domain name {@code spec} stands for: expanded, without a trailing dot, shortened to 253 characters. */
    static String expandDomain(String spec, Context context) throws SpfSyntaxException {
        String expanded = expand(spec, context);
        if (expanded.endsWith(".")) {
            expanded = expanded.substring(0, expanded.length() - 1);
        }
        while (expanded.length() > MAX_DOMAIN && expanded.indexOf('.') >= 0) {
            expanded = expanded.substring(expanded.indexOf('.') + 1);
        }
        for (String label : expanded.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw invalidDomain(spec, expanded);
            }
        }
        try {
            Name.fromString(expanded, Name.root);
        } catch (TextParseException e) {
            throw invalidDomain(spec, expanded);
        }
        return expanded;
    }

    private static SpfSyntaxException invalidDomain(String spec, String expanded) {
        return new SpfSyntaxException("'" + spec + "' expands to an invalid domain '" + expanded + "'");
    }

    /** Expands {@code spec}; a null context only checks the syntax. */
    private static String expand(String spec, Context context) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c != '%') {
                // RFC 7208 §7.1: macro-literal = %x21-24 / %x26-7E
                if (c < 0x21 || c > 0x7E) {
                    throw new SpfSyntaxException("invalid character in '" + spec + "'");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= spec.length()) {
                throw new SpfSyntaxException("'%' at the end of '" + spec + "'");
            }
            char next = spec.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = spec.indexOf('}', i);
                    if (close < 0) {
                        throw new SpfSyntaxException("unclosed macro in '" + spec + "'");
                    }
                    out.append(macro(spec.substring(i + 2, close), context, spec));
                    i = close - 1;
                }
                default -> throw new SpfSyntaxException("invalid macro '%" + next + "' in '" + spec + "'");
            }
            i += 2;
        }
        return out.toString();
    }

    /** One {@code %{...}} body: letter, optional digits, optional "r", optional delimiters. */
    private static String macro(String body, Context context, String spec) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro in '" + spec + "'");
        }
        char letter = body.charAt(0);
        int i = 1;
        while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
            i++;
        }
        String digits = body.substring(1, i);
        boolean reverse = i < body.length() && Character.toLowerCase(body.charAt(i)) == 'r';
        if (reverse) {
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("invalid delimiter '" + d + "' in '" + spec + "'");
            }
        }
        // RFC 7208 §7.3: a digit transformer must be nonzero.
        int keep = digits.isEmpty() ? 0 : parseKeep(digits, spec);
        String value = value(Character.toLowerCase(letter), context, spec);
        if (context == null) {
            return "";
        }
        String transformed = transform(value, delimiters.isEmpty() ? "." : delimiters, reverse, keep);
        // RFC 7208 §7.3: an upper-case letter asks for URL escaping of the value.
        return Character.isUpperCase(letter)
                ? URLEncoder.encode(transformed, StandardCharsets.UTF_8).replace("+", "%20")
                : transformed;
    }

    private static int parseKeep(String digits, String spec) throws SpfSyntaxException {
        String significant = digits.replaceFirst("^0+", "");
        int keep = significant.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt("0" + significant);
        if (keep == 0) {
            throw new SpfSyntaxException("zero digit transformer in '" + spec + "'");
        }
        return keep;
    }

    private static String value(char letter, Context context, String spec) throws SpfSyntaxException {
        if ("slodipvh".indexOf(letter) < 0) {
            throw new SpfSyntaxException("macro letter '" + letter + "' not allowed in '" + spec + "'");
        }
        if (context == null) {
            return "";
        }
        return switch (letter) {
            case 's' -> context.localPart() + "@" + context.senderDomain();
            case 'l' -> context.localPart();
            case 'o' -> context.senderDomain();
            case 'd' -> context.domain();
            case 'i' -> ipForMacro(context.ip());
                // RFC 7208 §7.3: "unknown" is allowed for p, and Outpost does not validate PTR names (see ptr, §5.5).
            case 'p' -> "unknown";
            case 'v' -> context.ip() instanceof Inet6Address ? "ip6" : "in-addr";
            default -> context.helo();
        };
    }

    private static String transform(String value, String delimiters, boolean reverse, int keep) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** RFC 7208 §7.3: IPv4 in dotted quad, IPv6 as dot-separated nibbles. */
    private static String ipForMacro(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) {
            return ip.getHostAddress();
        }
        StringBuilder nibbles = new StringBuilder();
        for (byte b : ip.getAddress()) {
            nibbles.append(Character.forDigit((b >> 4) & 0xF, 16)).append('.');
            nibbles.append(Character.forDigit(b & 0xF, 16)).append('.');
        }
        return nibbles.substring(0, nibbles.length() - 1).toLowerCase(Locale.ROOT);
    }
}

package io.outpost.relay.dnsauth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed SPF record: its directives in order and the redirect and exp modifiers (RFC 7208 §4.6, §6). */
record SpfRecord(List<SpfMechanism> mechanisms, Optional<String> redirect, Optional<String> explanation) {

    private static final String VERSION = "v=spf1";
    // RFC 7208 §12: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)=(.*)");
    private static final Pattern MECHANISM = Pattern.compile("([+\\-~?]?)([A-Za-z][A-Za-z0-9._-]*)(.*)");
    // RFC 7208 §5.6: dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ], without leading zeros.
    private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/(0|[1-9]\\d?))?(?://(0|[1-9]\\d{0,2}))?");
    private static final Pattern IP4_NETWORK =
            Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?:/(0|[1-9]\\d?))?");
    private static final Pattern IP6_NETWORK =
            Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(0|[1-9]\\d{0,2}))?");

    SpfRecord {
        mechanisms = List.copyOf(mechanisms);
    }

    /** True if {@code txt} is an SPF record at all: "v=spf1" alone or followed by a space (RFC 7208 §4.5). */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, VERSION, 0, VERSION.length())
                && (txt.length() == VERSION.length() || txt.charAt(VERSION.length()) == ' ');
    }

    /** Parses a record that {@link #isSpf} accepted. */
    static SpfRecord parse(String txt) throws SpfSyntaxException {
        List<SpfMechanism> mechanisms = new ArrayList<>();
        String redirect = null;
        String explanation = null;
        // RFC 7208 §4.6.1: terms are separated by one or more spaces.
        for (String term : txt.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                SpfMacros.validate(value);
                // RFC 7208 §6: redirect and exp may each appear at most once; other modifiers are ignored (§6 end).
                if (name.equals("redirect")) {
                    redirect = once(redirect, requireDomainSpec(value, term), term);
                } else if (name.equals("exp")) {
                    explanation = once(explanation, requireDomainSpec(value, term), term);
                }
            } else {
                mechanisms.add(mechanism(term));
            }
        }
        return new SpfRecord(mechanisms, Optional.ofNullable(redirect), Optional.ofNullable(explanation));
    }

    private static SpfMechanism mechanism(String term) throws SpfSyntaxException {
        Matcher matcher = MECHANISM.matcher(term);
        if (!matcher.matches()) {
            throw new SpfSyntaxException("unknown term '" + term + "'");
        }
        SpfQualifier qualifier = matcher.group(1).isEmpty()
                ? SpfQualifier.PASS
                : SpfQualifier.of(matcher.group(1).charAt(0));
        String name = matcher.group(2).toLowerCase(Locale.ROOT);
        String rest = matcher.group(3);
        return switch (name) {
            case "all" -> {
                if (!rest.isEmpty()) {
                    throw new SpfSyntaxException("'all' takes no argument in '" + term + "'");
                }
                yield simple(qualifier, SpfMechanism.Kind.ALL, Optional.empty(), term);
            }
            case "include" -> simple(qualifier, SpfMechanism.Kind.INCLUDE, Optional.of(target(rest, term)), term);
            case "exists" -> simple(qualifier, SpfMechanism.Kind.EXISTS, Optional.of(target(rest, term)), term);
            case "ptr" -> simple(qualifier, SpfMechanism.Kind.PTR, optionalTarget(rest, term), term);
            case "a" -> withCidr(qualifier, SpfMechanism.Kind.A, rest, term);
            case "mx" -> withCidr(qualifier, SpfMechanism.Kind.MX, rest, term);
            case "ip4" -> ip4(qualifier, rest, term);
            case "ip6" -> ip6(qualifier, rest, term);
            default -> throw new SpfSyntaxException("unknown mechanism '" + name + "' in '" + term + "'");
        };
    }

    private static SpfMechanism simple(
            SpfQualifier qualifier, SpfMechanism.Kind kind, Optional<String> domainSpec, String term) {
        return new SpfMechanism(qualifier, kind, domainSpec, Optional.empty(), 32, 128, term);
    }

    /** {@code a} and {@code mx}: optional ":domain-spec", then an optional dual CIDR length (RFC 7208 §5.3, §5.4). */
    private static SpfMechanism withCidr(SpfQualifier qualifier, SpfMechanism.Kind kind, String rest, String term)
            throws SpfSyntaxException {
        boolean named = rest.startsWith(":");
        Matcher cidr = DUAL_CIDR.matcher(named ? rest.substring(1) : rest);
        if (!cidr.matches() || (!named && !cidr.group(1).isEmpty())) {
            throw new SpfSyntaxException("malformed '" + term + "'");
        }
        Optional<String> domainSpec = named ? Optional.of(requireDomainSpec(cidr.group(1), term)) : Optional.empty();
        int ip4 = prefix(cidr.group(2), 32, term);
        int ip6 = prefix(cidr.group(3), 128, term);
        return new SpfMechanism(qualifier, kind, domainSpec, Optional.empty(), ip4, ip6, term);
    }

    private static SpfMechanism ip4(SpfQualifier qualifier, String rest, String term) throws SpfSyntaxException {
        Matcher matcher = IP4_NETWORK.matcher(rest.startsWith(":") ? rest.substring(1) : "");
        if (!matcher.matches()) {
            throw new SpfSyntaxException("malformed '" + term + "'");
        }
        for (String octet : matcher.group(1).split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                throw new SpfSyntaxException("not an IPv4 address in '" + term + "'");
            }
        }
        InetAddress network = literal(matcher.group(1), Inet4Address.class, term);
        int prefix = prefix(matcher.group(2), 32, term);
        return new SpfMechanism(
                qualifier, SpfMechanism.Kind.IP4, Optional.empty(), Optional.of(network), prefix, 128, term);
    }

    private static SpfMechanism ip6(SpfQualifier qualifier, String rest, String term) throws SpfSyntaxException {
        Matcher matcher = IP6_NETWORK.matcher(rest.startsWith(":") ? rest.substring(1) : "");
        if (!matcher.matches()) {
            throw new SpfSyntaxException("malformed '" + term + "'");
        }
        InetAddress network = literal(matcher.group(1), Inet6Address.class, term);
        int prefix = prefix(matcher.group(2), 128, term);
        return new SpfMechanism(
                qualifier, SpfMechanism.Kind.IP6, Optional.empty(), Optional.of(network), 32, prefix, term);
    }

    /** Only ever given a literal that the patterns above admit, so no name is resolved here. */
    private static InetAddress literal(String text, Class<? extends InetAddress> family, String term)
            throws SpfSyntaxException {
        try {
            InetAddress address = InetAddress.getByName(text);
            if (!family.isInstance(address)) {
                throw new SpfSyntaxException("wrong address family in '" + term + "'");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new SpfSyntaxException("not an IP address in '" + term + "'");
        }
    }

    private static int prefix(String digits, int max, String term) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > max) {
            throw new SpfSyntaxException("CIDR length /" + prefix + " out of range in '" + term + "'");
        }
        return prefix;
    }

    private static String target(String rest, String term) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException("'" + term + "' needs a domain");
        }
        return requireDomainSpec(rest.substring(1), term);
    }

    private static Optional<String> optionalTarget(String rest, String term) throws SpfSyntaxException {
        return rest.isEmpty() ? Optional.empty() : Optional.of(target(rest, term));
    }

    private static String requireDomainSpec(String spec, String term) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain in '" + term + "'");
        }
        SpfMacros.validate(spec);
        return spec;
    }

    private static String once(String previous, String value, String term) throws SpfSyntaxException {
        if (previous != null) {
            throw new SpfSyntaxException("modifier repeated at '" + term + "'");
        }
        return value;
    }
}

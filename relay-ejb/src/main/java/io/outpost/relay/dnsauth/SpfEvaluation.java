package io.outpost.relay.dnsauth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** One run of check_host() (RFC 7208 §4) with its own DNS look-up counts, so it is used once and by one thread. */
final class SpfEvaluation {

    // RFC 7208 §4.6.4: at most 10 DNS-querying terms, at most 2 void look-ups, at most 10 MX names.
    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_MX_NAMES = 10;

    private final DnsLookups dns;
    private final InetAddress ip;
    private final SpfMacros.Context sender;
    private int dnsTerms;
    private int voidLookups;

    SpfEvaluation(DnsLookups dns, InetAddress ip, SpfMacros.Context sender) {
        this.dns = dns;
        this.ip = ip;
        this.sender = sender;
    }

    SpfResult run(String domain) {
        try {
            return checkHost(domain);
        } catch (Stop stop) {
            return stop.result;
        }
    }

    /** Never returns temperror or permerror: those end the whole evaluation as {@link Stop}. */
    private SpfResult checkHost(String domain) throws Stop {
        // RFC 7208 §4.3: a domain that is not multi-label has no SPF record to check.
        if (domain.indexOf('.') < 0) {
            return SpfResult.of(SpfVerdict.NONE, domain + " is not a multi-label domain");
        }
        SpfRecord record = recordOf(domain);
        if (record == null) {
            return SpfResult.of(SpfVerdict.NONE, "no SPF record at " + domain);
        }
        SpfMacros.Context context =
                new SpfMacros.Context(sender.localPart(), sender.senderDomain(), ip, domain, sender.helo());
        for (SpfMechanism mechanism : record.mechanisms()) {
            Optional<String> match = matches(mechanism, domain, context);
            if (match.isPresent()) {
                return SpfResult.matched(mechanism.qualifier().verdict(), mechanism.text(), match.get());
            }
        }
        if (record.redirect().isPresent()) {
            return redirect(record.redirect().get(), domain, context);
        }
        // RFC 7208 §4.7: no mechanism matched and no redirect, so the result is neutral.
        return SpfResult.of(SpfVerdict.NEUTRAL, "no mechanism of " + domain + " matched " + ip.getHostAddress());
    }

    /** The single SPF record of {@code domain}, or null if it has none (RFC 7208 §4.4, §4.5). */
    private SpfRecord recordOf(String domain) throws Stop {
        DnsAnswer<String> txt = dns.txt(domain);
        if (txt instanceof DnsAnswer.Failure<String> failure) {
            throw Stop.temperror(failure.reason());
        }
        List<String> spf = txt.values().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            return null;
        }
        if (spf.size() > 1) {
            throw Stop.permerror(domain + " publishes " + spf.size() + " SPF records; there must be one (§4.5)");
        }
        try {
            return SpfRecord.parse(spf.get(0));
        } catch (SpfSyntaxException e) {
            throw Stop.permerror("SPF record of " + domain + " is invalid: " + e.getMessage());
        }
    }

    /** Why the mechanism matches, or empty if it does not. */
    private Optional<String> matches(SpfMechanism mechanism, String domain, SpfMacros.Context context) throws Stop {
        if (mechanism.kind().queriesDns()) {
            countDnsTerm(mechanism.text());
        }
        String where = " in the SPF record of " + domain;
        return switch (mechanism.kind()) {
            case ALL -> Optional.of("'" + mechanism.text() + "' matches every address" + where);
            case IP4, IP6 -> within(ip, mechanism.network().orElseThrow(), prefixFor(mechanism))
                    ? Optional.of(ip.getHostAddress() + " is within '" + mechanism.text() + "'" + where)
                    : Optional.empty();
            case A -> matchesAddressOf(target(mechanism, domain, context), mechanism, where);
            case MX -> matchesMx(target(mechanism, domain, context), mechanism, where);
            case INCLUDE -> include(target(mechanism, domain, context), mechanism);
            case EXISTS -> exists(target(mechanism, domain, context), mechanism, where);
                // RFC 7208 §5.5: ptr is deprecated; it is counted as a look-up above but never matches here.
            case PTR -> Optional.empty();
        };
    }

    private Optional<String> matchesAddressOf(String host, SpfMechanism mechanism, String where) throws Stop {
        // RFC 7208 §5.3: look up the address family of the client only.
        List<InetAddress> addresses = answer(dns.addresses(host, ip instanceof Inet6Address), host);
        return matchAny(addresses, host, mechanism, where);
    }

    private Optional<String> matchesMx(String host, SpfMechanism mechanism, String where) throws Stop {
        List<String> exchanges = answer(dns.mx(host), host);
        if (exchanges.size() > MAX_MX_NAMES) {
            throw Stop.permerror(host + " has " + exchanges.size() + " MX records; '" + mechanism.text()
                    + "' allows at most " + MAX_MX_NAMES + " (§4.6.4)");
        }
        for (String exchange : exchanges) {
            DnsAnswer<InetAddress> addresses = dns.addresses(exchange, ip instanceof Inet6Address);
            if (addresses instanceof DnsAnswer.Failure<InetAddress> failure) {
                throw Stop.temperror(failure.reason());
            }
            Optional<String> match = matchAny(addresses.values(), exchange, mechanism, where);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private Optional<String> matchAny(List<InetAddress> addresses, String host, SpfMechanism mechanism, String where) {
        for (InetAddress address : addresses) {
            if (within(ip, address, prefixFor(mechanism))) {
                return Optional.of(ip.getHostAddress() + " matches " + host + " (" + address.getHostAddress() + ") by '"
                        + mechanism.text() + "'" + where);
            }
        }
        return Optional.empty();
    }

    /** RFC 7208 §5.2: pass matches; fail, softfail and neutral do not; none is a permerror; errors propagate. */
    private Optional<String> include(String target, SpfMechanism mechanism) throws Stop {
        SpfResult included = checkHost(target);
        return switch (included.verdict()) {
            case PASS -> Optional.of("'" + mechanism.text() + "' passed: " + included.explanation());
            case NONE -> throw Stop.permerror("'" + mechanism.text() + "' names a domain without an SPF record (§5.2)");
            default -> Optional.empty();
        };
    }

    /** RFC 7208 §5.7: an A look-up, whatever the client's address family. */
    private Optional<String> exists(String target, SpfMechanism mechanism, String where) throws Stop {
        return answer(dns.addresses(target, false), target).isEmpty()
                ? Optional.empty()
                : Optional.of(target + " exists, so '" + mechanism.text() + "' matches" + where);
    }

    /** RFC 7208 §6.1: the redirect target's result is this record's result; a target without a record is an error. */
    private SpfResult redirect(String spec, String domain, SpfMacros.Context context) throws Stop {
        countDnsTerm("redirect=" + spec);
        String target = expand(spec, context);
        SpfResult redirected = checkHost(target);
        if (redirected.verdict() == SpfVerdict.NONE) {
            throw Stop.permerror("redirect=" + spec + " of " + domain + " names a domain without an SPF record (§6.1)");
        }
        return redirected;
    }

    private <T> List<T> answer(DnsAnswer<T> answer, String name) throws Stop {
        if (answer instanceof DnsAnswer.Failure<T> failure) {
            throw Stop.temperror(failure.reason());
        }
        if (answer instanceof DnsAnswer.Empty<T> && ++voidLookups > MAX_VOID_LOOKUPS) {
            throw Stop.permerror(
                    "more than " + MAX_VOID_LOOKUPS + " look-ups found nothing, the last for " + name + " (§4.6.4)");
        }
        return answer.values();
    }

    private void countDnsTerm(String term) throws Stop {
        if (++dnsTerms > MAX_DNS_TERMS) {
            throw Stop.permerror(
                    "more than " + MAX_DNS_TERMS + " DNS-querying terms; limit reached at '" + term + "' (§4.6.4)");
        }
    }

    private static String target(SpfMechanism mechanism, String domain, SpfMacros.Context context) throws Stop {
        return mechanism.domainSpec().isPresent()
                ? expand(mechanism.domainSpec().get(), context)
                : domain;
    }

    private static String expand(String spec, SpfMacros.Context context) throws Stop {
        try {
            return SpfMacros.expandDomain(spec, context);
        } catch (SpfSyntaxException e) {
            throw Stop.permerror(e.getMessage());
        }
    }

    private int prefixFor(SpfMechanism mechanism) {
        return ip instanceof Inet6Address ? mechanism.ip6Prefix() : mechanism.ip4Prefix();
    }

    /** True if the first {@code prefix} bits of both addresses agree; addresses of different families never do. */
    private static boolean within(InetAddress address, InetAddress network, int prefix) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Ends the evaluation with temperror or permerror, wherever in the include and redirect chain it happens. */
    private static final class Stop extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient SpfResult result;

        private Stop(SpfResult result) {
            super(result.explanation(), null, false, false);
            this.result = result;
        }

        static Stop temperror(String reason) {
            return new Stop(SpfResult.of(SpfVerdict.TEMPERROR, reason));
        }

        static Stop permerror(String reason) {
            return new Stop(SpfResult.of(SpfVerdict.PERMERROR, reason));
        }
    }
}

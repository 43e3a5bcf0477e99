package io.outpost.relay.dnsauth;

import io.outpost.relay.dns.DnsQueries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * TXT, A, AAAA and MX look-ups for the checks of sending domains, through {@link DnsQueries}: uncached, so a record
 * the operator just published is seen at once. Safe for concurrent use by several threads.
 */
public final class DnsLookups {

    private final DnsQueries dns;

    /**
     * @param servers the DNS servers to ask, in order; empty means the system's configured resolvers
     * @param timeout how long to wait for an answer before the look-up counts as failed
     */
    public DnsLookups(List<InetSocketAddress> servers, Duration timeout) {
        this.dns = new DnsQueries(servers, timeout);
    }

    /** Each TXT record of {@code name} as one string, its character-strings joined without spaces (RFC 7208 §3.3). */
    public DnsAnswer<String> txt(String name) {
        return query(name, Type.TXT, r -> r instanceof TXTRecord txt ? String.join("", txt.getStrings()) : null);
    }

    /** The IPv4 (A) or IPv6 (AAAA) addresses of {@code name}. */
    public DnsAnswer<InetAddress> addresses(String name, boolean ipv6) {
        return ipv6
                ? query(name, Type.AAAA, r -> r instanceof AAAARecord aaaa ? aaaa.getAddress() : null)
                : query(name, Type.A, r -> r instanceof ARecord a ? a.getAddress() : null);
    }

    /** The exchange host names of {@code name}'s MX records, without the trailing dot. */
    public DnsAnswer<String> mx(String name) {
        return query(
                name, Type.MX, r -> r instanceof MXRecord mx ? mx.getTarget().toString(true) : null);
    }

    /** The canonical name {@code name} is an alias of (its CNAME record's target), without the trailing dot. */
    public DnsAnswer<String> cname(String name) {
        return query(
                name,
                Type.CNAME,
                r -> r instanceof CNAMERecord cname ? cname.getTarget().toString(true) : null);
    }

    private <T> DnsAnswer<T> query(String name, int type, Function<Record, T> convert) {
        Lookup lookup = dns.run(DnsQueries.absolute(name), type);
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> found(lookup, convert);
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new DnsAnswer.Empty<>();
            default -> new DnsAnswer.Failure<>(
                    "DNS " + Type.string(type) + " look-up for " + name + " failed: " + lookup.getErrorString());
        };
    }

    private static <T> DnsAnswer<T> found(Lookup lookup, Function<Record, T> convert) {
        List<T> values = new ArrayList<>();
        for (Record answer : lookup.getAnswers()) {
            T value = convert.apply(answer);
            if (value != null) {
                values.add(value);
            }
        }
        return values.isEmpty() ? new DnsAnswer.Empty<>() : new DnsAnswer.Records<>(values);
    }
}

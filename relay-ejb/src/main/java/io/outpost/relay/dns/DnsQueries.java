package io.outpost.relay.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/**
 * Runs DNS look-ups against the configured servers (or the system's when none are configured). Nothing is cached
 * between look-ups, so a changed record takes effect at once and tests are deterministic — a caching resolver beside
 * the relay is the place for a cache — and {@code /etc/hosts} is never consulted: mail follows DNS only.
 *
 * <p>Safe for concurrent use.
 */
public final class DnsQueries {

    private final Resolver resolver;

    /**
     * @param servers the DNS servers to ask, in order; empty means the system's configured resolvers
     * @param timeout how long to wait for an answer before the look-up fails
     */
    public DnsQueries(List<InetSocketAddress> servers, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive: " + timeout);
        }
        this.resolver = resolverFor(servers, timeout);
    }

    /** Runs one look-up; the caller reads its result code and answers. */
    public Lookup run(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(new Cache());
        lookup.setHostsFileParser(null);
        lookup.run();
        return lookup;
    }

    /** The absolute DNS name for {@code name}; {@link IllegalArgumentException} if it is not one. */
    public static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private static Resolver resolverFor(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver extended;
        if (servers.isEmpty()) {
            extended = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                SimpleResolver simple = new SimpleResolver(server);
                simple.setTimeout(timeout);
                each.add(simple);
            }
            extended = new ExtendedResolver(each);
        }
        extended.setTimeout(timeout);
        return extended;
    }
}

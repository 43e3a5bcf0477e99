package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.dns.DnsQueries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Finds the hosts that receive mail for a domain, as RFC 5321 §5.1 describes, with dnsjava.
 *
 * <p>Look-ups go through {@link DnsQueries}: uncached, and never from {@code /etc/hosts}.
 *
 * <p>Safe for concurrent use by several threads.
 */
public final class MxResolver {

    private static final SmtpReply NULL_MX =
            SmtpReply.of(556, "5.1.10", "domain does not accept mail (null MX, RFC 7505)");

    private final DnsQueries dns;
    private final Random random;

    /**
     * @param servers the DNS servers to ask, in order; empty means the system's configured resolvers
     * @param timeout how long to wait for an answer before the look-up counts as a temporary failure
     * @param random orders MX hosts of equal preference (RFC 5321 §5.1)
     */
    public MxResolver(List<InetSocketAddress> servers, Duration timeout, Random random) {
        this.dns = new DnsQueries(servers, timeout);
        this.random = random;
    }

    /** The hosts to try for {@code domain}, most preferred first, or why there are none. */
    public Route resolve(Domain domain) {
        Name name = DnsQueries.absolute(domain.ascii());
        Lookup mx = dns.run(name, Type.MX);
        return switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> hostsFor(domain, records(mx, MXRecord.class));
                // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX with preference 0.
            case Lookup.TYPE_NOT_FOUND -> implicitMx(domain, name);
            case Lookup.HOST_NOT_FOUND -> new Route.Permanent(
                    SmtpReply.of(550, "5.1.2", "domain " + domain + " does not exist (NXDOMAIN)"));
            default -> temporary("MX", domain.toString(), mx);
        };
    }

    /**
     * The addresses of one named host, as a single-host route: for transport map destinations, which name the host
     * to connect to rather than a mail domain, so no MX look-up is done (like Postfix's {@code [host]}).
     */
    public Route resolveHost(String hostname) {
        Name name = DnsQueries.absolute(hostname);
        HostLookup host = addressesOf(name);
        if (!host.addresses.isEmpty()) {
            return new Route.Hosts(List.of(new MailHost(hostname, host.addresses)));
        }
        if (host.temporaryFailure != null) {
            return host.temporaryFailure;
        }
        return new Route.Permanent(SmtpReply.of(550, "5.4.4", "host " + hostname + " has no address"));
    }

    private Route hostsFor(Domain domain, List<MXRecord> records) {
        // RFC 7505 §3: a single MX with target "." says the domain accepts no mail at all.
        List<MXRecord> usable =
                records.stream().filter(mx -> !mx.getTarget().equals(Name.root)).toList();
        if (usable.isEmpty()) {
            return new Route.Permanent(NULL_MX);
        }
        Map<Integer, List<MXRecord>> byPreference = new TreeMap<>();
        for (MXRecord mx : usable) {
            byPreference
                    .computeIfAbsent(mx.getPriority(), p -> new ArrayList<>())
                    .add(mx);
        }
        List<MailHost> hosts = new ArrayList<>();
        Route.Temporary lastTemporary = null;
        for (List<MXRecord> samePreference : byPreference.values()) {
            // RFC 5321 §5.1: hosts of equal preference are tried in random order to spread the load.
            Collections.shuffle(samePreference, random);
            for (MXRecord mx : samePreference) {
                HostLookup host = addressesOf(mx.getTarget());
                if (!host.addresses.isEmpty()) {
                    hosts.add(new MailHost(hostnameOf(mx.getTarget()), host.addresses));
                } else if (host.temporaryFailure != null) {
                    lastTemporary = host.temporaryFailure;
                }
            }
        }
        if (!hosts.isEmpty()) {
            return new Route.Hosts(hosts);
        }
        if (lastTemporary != null) {
            return lastTemporary;
        }
        return new Route.Permanent(SmtpReply.of(550, "5.4.4", "no MX host of " + domain + " has an address"));
    }

    private Route implicitMx(Domain domain, Name name) {
        HostLookup host = addressesOf(name);
        if (!host.addresses.isEmpty()) {
            return new Route.Hosts(List.of(new MailHost(domain.ascii(), host.addresses)));
        }
        if (host.temporaryFailure != null) {
            return host.temporaryFailure;
        }
        return new Route.Permanent(
                SmtpReply.of(550, "5.4.4", "domain " + domain + " has neither MX records nor an address"));
    }

    /** A and AAAA; IPv4 first, as most relays still reach the world more reliably over IPv4. */
    private HostLookup addressesOf(Name name) {
        List<InetAddress> addresses = new ArrayList<>();
        Route.Temporary failure = null;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = dns.run(name, type);
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    for (Record answer : lookup.getAnswers()) {
                        if (answer instanceof ARecord a) {
                            addresses.add(a.getAddress());
                        } else if (answer instanceof AAAARecord aaaa) {
                            addresses.add(aaaa.getAddress());
                        }
                    }
                }
                case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> {
                    // no address of this family: the other family may still have one
                }
                default -> failure = temporary(Type.string(type), hostnameOf(name), lookup);
            }
        }
        return new HostLookup(addresses, failure);
    }

    /**
     * TRY_AGAIN (timeout, SERVFAIL, network error) and UNRECOVERABLE (a referral or a broken answer) both defer: only
     * an authoritative "does not exist" may bounce mail, as a DNS hiccup must not lose it.
     */
    private static Route.Temporary temporary(String type, String name, Lookup lookup) {
        return new Route.Temporary(SmtpReply.of(
                451, "4.4.3", "DNS " + type + " look-up for " + name + " failed: " + lookup.getErrorString()));
    }

    private static <T extends Record> List<T> records(Lookup lookup, Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Record answer : lookup.getAnswers()) {
            if (type.isInstance(answer)) {
                result.add(type.cast(answer));
            }
        }
        return result;
    }

    private static String hostnameOf(Name name) {
        return name.toString(true);
    }

    private record HostLookup(List<InetAddress> addresses, Route.Temporary temporaryFailure) {}
}

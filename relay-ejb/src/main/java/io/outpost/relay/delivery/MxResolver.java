package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.dns.DnsQueries;
import io.outpost.relay.dns.SpecialAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Two checks guard what DNS answers may make the relay do. Addresses that are not on the public internet (loopback,
 * private, link-local, … see {@link SpecialAddresses}) are skipped unless allowed: a domain's DNS must not steer the
 * relay into the network it runs in. And an MX that is this relay itself ({@link OwnIdentity}) is discarded with every
 * less preferred one (RFC 5321 §5.1), so mail never loops back; with nothing left it bounces with 5.4.6. When only
 * skipped addresses remain, mail bounces too (5.4.4): RFC 5321 §5.1 says MX records none of which are usable "MUST be
 * reported as an error", and retrying for days would not change DNS that points into a private network. A DNS failure
 * at any MX still only defers.
 *
 * <p>Safe for concurrent use by several threads.
 */
public final class MxResolver {

    private static final SmtpReply NULL_MX =
            SmtpReply.of(556, "5.1.10", "domain does not accept mail (null MX, RFC 7505)");

    private final DnsQueries dns;
    private final Random random;
    private final boolean allowSpecialAddresses;
    private final OwnIdentity self;

    /**
     * @param servers the DNS servers to ask, in order; empty means the system's configured resolvers
     * @param timeout how long to wait for an answer before the look-up counts as a temporary failure
     * @param random orders MX hosts of equal preference (RFC 5321 §5.1)
     * @param allowSpecialAddresses whether MX and implicit-MX hosts may be at loopback, private and other
     *     special-purpose addresses ({@code outpost.delivery.allow-private-addresses})
     * @param self this relay's names and addresses, to find an MX that points back at it
     */
    public MxResolver(
            List<InetSocketAddress> servers,
            Duration timeout,
            Random random,
            boolean allowSpecialAddresses,
            OwnIdentity self) {
        this.dns = new DnsQueries(servers, timeout);
        this.random = random;
        this.allowSpecialAddresses = allowSpecialAddresses;
        this.self = self;
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
        Candidates candidates = new Candidates(domain);
        for (List<MXRecord> samePreference : byPreference.values()) {
            // RFC 5321 §5.1: hosts of equal preference are tried in random order to spread the load.
            Collections.shuffle(samePreference, random);
            List<MailHost> level = new ArrayList<>();
            for (MXRecord mx : samePreference) {
                if (!candidates.consider(mx.getTarget(), level)) {
                    // RFC 5321 §5.1: this relay is an MX here; it and all less preferred MX are discarded.
                    return candidates.route();
                }
            }
            candidates.hosts.addAll(level);
        }
        return candidates.route();
    }

    private Route implicitMx(Domain domain, Name name) {
        Candidates candidates = new Candidates(domain);
        candidates.consider(name, candidates.hosts);
        return candidates.route();
    }

    /** The hosts found so far for one domain, and why others were left out. */
    private final class Candidates {
        private final Domain domain;
        private final List<MailHost> hosts = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private Route.Temporary lastTemporary;
        private String loopsBackVia;

        Candidates(Domain domain) {
            this.domain = domain;
        }

        /** Looks up one MX host and adds it to {@code level} if usable; false if it is this relay itself. */
        boolean consider(Name target, List<MailHost> level) {
            String hostname = hostnameOf(target);
            HostLookup host = addressesOf(target);
            if (self.isNamed(hostname) || host.addresses.stream().anyMatch(self::listensAt)) {
                loopsBackVia = hostname;
                return false;
            }
            List<InetAddress> allowed = new ArrayList<>();
            for (InetAddress address : host.addresses) {
                var special = allowSpecialAddresses ? Optional.<String>empty() : SpecialAddresses.kindOf(address);
                if (special.isPresent()) {
                    skipped.add(hostname + " " + address.getHostAddress() + " (" + special.get() + ")");
                } else {
                    allowed.add(address);
                }
            }
            if (!allowed.isEmpty()) {
                level.add(new MailHost(hostname, allowed));
            } else if (host.temporaryFailure != null) {
                lastTemporary = host.temporaryFailure;
            }
            return true;
        }

        Route route() {
            if (!hosts.isEmpty()) {
                return new Route.Hosts(hosts);
            }
            if (lastTemporary != null) {
                return lastTemporary;
            }
            if (loopsBackVia != null) {
                // RFC 3463 X.4.6: routing loop detected.
                return new Route.Permanent(SmtpReply.of(
                        554, "5.4.6", "mail for " + domain + " loops back to myself (MX " + loopsBackVia + ")"));
            }
            if (!skipped.isEmpty()) {
                return new Route.Permanent(SmtpReply.of(
                        550,
                        "5.4.4",
                        "no usable mail host for " + domain + ": " + String.join(", ", skipped)
                                + " not on the public internet; not delivered to"
                                + " (outpost.delivery.allow-private-addresses)"));
            }
            return new Route.Permanent(SmtpReply.of(550, "5.4.4", "no mail host of " + domain + " has an address"));
        }
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

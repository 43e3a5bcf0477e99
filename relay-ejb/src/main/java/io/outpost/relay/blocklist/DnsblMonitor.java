package io.outpost.relay.blocklist;

import io.outpost.api.plugin.BlocklistMonitor;
import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.BlocklistStatus.Listing;
import io.outpost.api.plugin.MonitoredTarget;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.relay.dnsauth.DnsAnswer;
import io.outpost.relay.dnsauth.DnsLookups;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in blocklist monitor, {@code dnsbl}: asks DNS blocklists (RFC 5782) about each outbound address (the
 * {@code ip-zones}) and each sending domain (the {@code domain-zones}). A target is LISTED if any zone lists it, with
 * each zone's answer named and its TXT record (the list's own reason, §2.1) as the detail; UNKNOWN if a zone could not
 * be asked and none listed it; CLEAN otherwise.
 *
 * <p>Settings ({@code outpost.plugin.dnsbl.*}): {@code ip-zones} and {@code domain-zones}, comma-separated zones; an
 * empty value asks none. Spamhaus refuses queries that come through public resolvers: the relay's DNS servers
 * ({@code outpost.delivery.dns-servers}) must be its own resolver, or a Spamhaus DQS zone must be configured.
 */
public final class DnsblMonitor implements BlocklistMonitor {

    public static final String NAME = "dnsbl";

    static final String DEFAULT_IP_ZONES = "zen.spamhaus.org,bl.spamcop.net,b.barracudacentral.org";
    static final String DEFAULT_DOMAIN_ZONES = "dbl.spamhaus.org";

    private final DnsLookups dns;
    private final Clock clock;
    private List<DnsblZone> ipZones;
    private List<DnsblZone> domainZones;

    public DnsblMonitor(DnsLookups dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("ip-zones", "domain-zones");
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        ipZones = zones(config, "ip-zones", DEFAULT_IP_ZONES, DnsblZone.Lists.ADDRESSES);
        domainZones = zones(config, "domain-zones", DEFAULT_DOMAIN_ZONES, DnsblZone.Lists.DOMAINS);
    }

    private static List<DnsblZone> zones(PluginConfig config, String key, String defaults, DnsblZone.Lists lists)
            throws PluginConfigException {
        String text = config.get(key).orElse(defaults);
        List<DnsblZone> zones = new ArrayList<>();
        for (String name : Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .toList()) {
            try {
                zones.add(new DnsblZone(name, lists));
            } catch (IllegalArgumentException e) {
                throw new PluginConfigException(NAME, key + " names " + name + ", which is not a DNS zone");
            }
        }
        return List.copyOf(zones);
    }

    @Override
    public BlocklistStatus check(MonitoredTarget target) {
        List<Listing> listings = new ArrayList<>();
        boolean failed = false;
        List<DnsblZone> zones = target instanceof MonitoredTarget.SendingIp ? ipZones : domainZones;
        for (DnsblZone zone : zones) {
            String name = target instanceof MonitoredTarget.SendingIp ip
                    ? zone.queryName(ip.address())
                    : zone.queryName(((MonitoredTarget.SendingDomain) target).domain());
            DnsAnswer<InetAddress> answer = dns.addresses(name, false);
            if (answer instanceof DnsAnswer.Failure<InetAddress>) {
                failed = true;
                continue;
            }
            List<InetAddress> codes = answer.values();
            if (codes.stream().anyMatch(code -> !DnsblZone.isListing(code))) {
                // A refusal (127.255.255.x) or an answer outside 127/8 (RFC 5782 §2.3: a broken or wildcarded zone)
                // says nothing about the target.
                failed = true;
            }
            List<InetAddress> listed =
                    codes.stream().filter(DnsblZone::isListing).toList();
            if (!listed.isEmpty()) {
                listings.add(new Listing(zone.name(), Optional.of(detail(zone, name, listed)), zone.delistPage()));
            }
        }
        if (!listings.isEmpty()) {
            return BlocklistStatus.listed(target, listings, clock.instant());
        }
        return failed
                ? BlocklistStatus.unknown(target, clock.instant())
                : BlocklistStatus.clean(target, clock.instant());
    }

    private String detail(DnsblZone zone, String name, List<InetAddress> listed) {
        String codes = listed.stream().map(zone::meaning).collect(Collectors.joining("; "));
        List<String> reasons = dns.txt(name).values();
        return reasons.isEmpty() ? codes : codes + " (" + String.join(" ", reasons) + ")";
    }
}

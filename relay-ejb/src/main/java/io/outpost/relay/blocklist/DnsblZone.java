package io.outpost.relay.blocklist;

import io.outpost.api.mail.Domain;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One DNS blocklist zone (RFC 5782) and what its answers mean. A listing is an A record in 127.0.0.0/8 (§2.3); the
 * well-known zones give each answer a meaning, which is named here so an operator reads "XBL: exploited host" rather
 * than "127.0.0.4". Spamhaus answers 127.255.255.x when it refuses the query itself (a public resolver, too many
 * queries): that is no listing, and the check counts as failed.
 *
 * @param name the zone, e.g. {@code zen.spamhaus.org}
 * @param lists what the zone lists: IP addresses (§2.1, §2.4) or domain names (§2.2)
 */
public record DnsblZone(String name, Lists lists) {

    /** What a zone's entries are. */
    public enum Lists {
        ADDRESSES,
        DOMAINS
    }

    private static final Map<String, Map<String, String>> MEANINGS = Map.of(
            "zen.spamhaus.org",
            Map.ofEntries(
                    Map.entry("127.0.0.2", "SBL: spam source"),
                    Map.entry("127.0.0.3", "SBL CSS: snowshoe spam source"),
                    Map.entry("127.0.0.4", "XBL: exploited host"),
                    Map.entry("127.0.0.5", "XBL: exploited host"),
                    Map.entry("127.0.0.6", "XBL: exploited host"),
                    Map.entry("127.0.0.7", "XBL: exploited host"),
                    Map.entry("127.0.0.9", "DROP: hijacked network"),
                    Map.entry("127.0.0.10", "PBL: end-user address, should not send directly (ISP)"),
                    Map.entry("127.0.0.11", "PBL: end-user address, should not send directly (Spamhaus)")),
            "dbl.spamhaus.org",
            Map.ofEntries(
                    Map.entry("127.0.1.2", "DBL: spam domain"),
                    Map.entry("127.0.1.4", "DBL: phishing domain"),
                    Map.entry("127.0.1.5", "DBL: malware domain"),
                    Map.entry("127.0.1.6", "DBL: botnet controller domain"),
                    Map.entry("127.0.1.102", "DBL: abused legitimate domain, spam"),
                    Map.entry("127.0.1.103", "DBL: abused legitimate domain, spammed redirector"),
                    Map.entry("127.0.1.104", "DBL: abused legitimate domain, phishing"),
                    Map.entry("127.0.1.105", "DBL: abused legitimate domain, malware"),
                    Map.entry("127.0.1.106", "DBL: abused legitimate domain, botnet controller")));

    private static final Map<String, String> DELIST_PAGES = Map.of(
            "zen.spamhaus.org", "https://check.spamhaus.org/",
            "dbl.spamhaus.org", "https://check.spamhaus.org/",
            "bl.spamcop.net", "https://www.spamcop.net/bl.shtml",
            "b.barracudacentral.org", "https://www.barracudacentral.org/rbl/removal-request");

    public DnsblZone {
        name = Domain.of(name).name().toLowerCase(Locale.ROOT);
    }

    /**
     * The name to look up for {@code address}: its octets (IPv4, RFC 5782 §2.1) or nibbles (IPv6, §2.4) in reverse
     * order, then the zone.
     */
    public String queryName(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int b = bytes[i] & 0xff;
            if (address instanceof Inet4Address) {
                name.append(b).append('.');
            } else {
                name.append(Character.forDigit(b & 0x0f, 16)).append('.');
                name.append(Character.forDigit(b >> 4, 16)).append('.');
            }
        }
        return name.append(this.name).toString();
    }

    /** The name to look up for {@code domain} (RFC 5782 §2.2): the domain, then the zone. */
    public String queryName(Domain domain) {
        return domain.name().toLowerCase(Locale.ROOT) + "." + name;
    }

    /** True for an answer that says the target is listed: an address in 127.0.0.0/8 but not the refusals. */
    public static boolean isListing(InetAddress answer) {
        byte[] bytes = answer.getAddress();
        return answer instanceof Inet4Address && (bytes[0] & 0xff) == 127 && !isRefusal(answer);
    }

    /** True for Spamhaus's 127.255.255.0/24 answers: the query was refused (public resolver, rate), not answered. */
    static boolean isRefusal(InetAddress answer) {
        byte[] bytes = answer.getAddress();
        return answer instanceof Inet4Address
                && (bytes[0] & 0xff) == 127
                && (bytes[1] & 0xff) == 255
                && (bytes[2] & 0xff) == 255;
    }

    /** What a listing answer means on this zone: its name where the zone is a well-known one, else the address. */
    public String meaning(InetAddress answer) {
        String code = answer.getHostAddress();
        return Optional.ofNullable(MEANINGS.get(name))
                .map(codes -> codes.get(code))
                .map(text -> code + " " + text)
                .orElse(code);
    }

    /** Where the operator asks a well-known list to remove an entry. */
    public Optional<String> delistPage() {
        return Optional.ofNullable(DELIST_PAGES.get(name));
    }
}

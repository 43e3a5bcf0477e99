package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.sending.DomainExpectations.ExpectedDkimKey;
import io.outpost.relay.sending.DomainExpectations.OutboundIdentity;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The DNS records a domain owner must publish so that Outpost can send for the domain, ready to paste into a zone. */
public final class RecordsToPublish {

    private RecordsToPublish() {}

    /**
     * Every record for {@code e}, in this order: one DKIM key per expected selector, the domain's SPF (if an outbound
     * identity is configured), a DMARC starting policy, the return-path MX and the return-path SPF, and the tracking
     * host's CNAME if the domain has one.
     */
    public static List<PublishedRecord> of(DomainExpectations e) {
        String domain = e.domain().ascii();
        String returnPath = e.returnPathDomain().ascii();
        OutboundIdentity outbound = e.outbound();
        List<PublishedRecord> records = new ArrayList<>();
        for (ExpectedDkimKey key : e.dkim()) {
            records.add(new PublishedRecord(
                    RecordKind.DKIM,
                    dkimName(key.selector(), e.domain()),
                    "TXT",
                    key.txtValue(),
                    "A new record with the " + algorithmName(key.algorithm())
                            + " DKIM public key Outpost signs with for selector " + key.selector()
                            + "; keep other selectors' records (RFC 6376 §3.6.2.1)."));
        }
        if (outbound.spfConfigured()) {
            String mechanisms = spfMechanisms(outbound);
            records.add(new PublishedRecord(
                    RecordKind.SPF,
                    domain,
                    "TXT",
                    "v=spf1 " + mechanisms + " ~all",
                    "Authorises Outpost to send for " + domain + "; if the domain already has an SPF record, add only "
                            + mechanisms + " before its 'all' instead, as a name may have one SPF record"
                            + " (RFC 7208 §3.2)."));
        }
        records.add(new PublishedRecord(
                RecordKind.DMARC,
                "_dmarc." + domain,
                "TXT",
                "v=DMARC1; p=none; adkim=r; aspf=r; rua=mailto:dmarc-reports@" + domain,
                "A starting DMARC policy that only asks for reports; tighten p= to quarantine or reject once the"
                        + " reports look clean. Skip it if the domain already has a DMARC record (a record of its"
                        + " organisational domain also applies)."));
        records.add(new PublishedRecord(
                RecordKind.RETURN_PATH_MX,
                returnPath,
                "MX",
                "10 " + outbound.bounceMxHost().ascii() + ".",
                "Bounces to Outpost's return-path addresses at " + returnPath + " arrive at Outpost."));
        if (outbound.spfConfigured()) {
            records.add(new PublishedRecord(
                    RecordKind.RETURN_PATH_SPF,
                    returnPath,
                    "TXT",
                    "v=spf1 " + spfMechanisms(outbound) + " -all",
                    "Authorises Outpost for the return-path domain " + returnPath
                            + "; only Outpost sends from it, so everything else fails (-all)."));
        }
        if (e.trackingHost().isPresent() && outbound.trackingTarget().isPresent()) {
            String host = e.trackingHost().get().ascii();
            records.add(new PublishedRecord(
                    RecordKind.TRACKING,
                    host,
                    "CNAME",
                    outbound.trackingTarget().get().ascii() + ".",
                    "Tracked links in " + domain + "'s mail point at " + host + ", Outpost's tracking endpoints"
                            + " under the domain's own name; serve them over HTTPS with a certificate for that name"
                            + " (docs/api.md)."));
        }
        return List.copyOf(records);
    }

    static String dkimName(String selector, Domain domain) {
        // RFC 6376 §3.6.2.1
        return selector + "._domainkey." + domain.ascii();
    }

    /** {@code include:<spfInclude>} when the operator runs an SPF record, else one ip4:/ip6: term per address. */
    static String spfMechanisms(OutboundIdentity outbound) {
        if (outbound.spfInclude().isPresent()) {
            return "include:" + outbound.spfInclude().get().ascii();
        }
        return outbound.addresses().stream()
                .map(address -> (address instanceof Inet4Address ? "ip4:" : "ip6:") + text(address))
                .collect(Collectors.joining(" "));
    }

    private static String algorithmName(DkimKey.Algorithm algorithm) {
        return switch (algorithm) {
            case RSA_SHA256 -> "RSA (rsa-sha256)";
            case ED25519_SHA256 -> "Ed25519 (ed25519-sha256)";
        };
    }

    /** An address as text; IPv6 in the compressed form of RFC 5952 §4, without a zone id. */
    static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2: the longest run of two or more zero groups becomes "::", the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}

package io.outpost.relay.dnsauth;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import java.net.InetAddress;

/**
 * Answers "may this address send mail for this domain?" by evaluating the domain's SPF record (RFC 7208 §4).
 *
 * <p>Used to verify a sending domain: does the record authorise Outpost's outbound addresses? Implemented: the
 * mechanisms all, include, a, mx, ip4, ip6 and exists with CIDR lengths, the redirect modifier, the limits of §4.6.4
 * and the macros of §7. Not implemented: exp= is parsed but not fetched, as the explanation is for a receiver's
 * rejection text; ptr counts as a DNS look-up but never matches, as §5.5 deprecates it and a receiver may skip it.
 *
 * <p>Safe for concurrent use by several threads: each check keeps its own look-up counts.
 */
public final class SpfEvaluator {

    private static final String NO_SENDER_LOCAL_PART = "postmaster";

    private final DnsLookups dns;

    public SpfEvaluator(DnsLookups dns) {
        this.dns = dns;
    }

    /** Checks {@code ip} for {@code domain} as the MAIL FROM domain with no local part, and as the HELO name. */
    public SpfResult check(InetAddress ip, Domain domain) {
        // RFC 7208 §4.3: a sender without a local part is checked as "postmaster".
        return check(ip, new EmailAddress(NO_SENDER_LOCAL_PART, domain), domain);
    }

    /** Checks {@code ip} for the domain of {@code sender}, with {@code helo} for the %{h} macro. */
    public SpfResult check(InetAddress ip, EmailAddress sender, Domain helo) {
        SpfMacros.Context context = new SpfMacros.Context(
                sender.localPart(), sender.domain().ascii(), ip, sender.domain().ascii(), helo.ascii());
        return new SpfEvaluation(dns, ip, context).run(sender.domain().ascii());
    }
}

package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.dnsauth.PublicSuffixes;

/**
 * Which names may be sending domains. Sender binding lets a tenant send from a sending domain and all its subdomains,
 * so a single label ({@code com}) or a public suffix ({@code co.uk}) would let it send as every domain under it. Its
 * owner publishes records one or two labels below it, so a sending domain leaves room for them in a DNS name.
 */
public final class SendingDomainNames {

    /** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 written out without the final dot. */
    public static final int MAX_DNS_NAME = 253;

    /**
     * Longest sending domain: room for the longest prefix Outpost publishes under it, a DKIM key's
     * {@code op20261128r-2._domainkey.} or a return-path label of up to 63 octets and its dot.
     */
    public static final int MAX_LENGTH = MAX_DNS_NAME - 64;

    private static final PublicSuffixes SUFFIXES = new MinimalPublicSuffixes();

    private SendingDomainNames() {}

    /**
     * The domain, if it may be a sending domain.
     *
     * @throws IllegalArgumentException saying why not, in words for an API's field error
     */
    public static Domain check(Domain domain) {
        if (domain.ascii().length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH
                    + " octets, to leave room for the records published under it (RFC 1035 §2.3.4)");
        }
        if (!domain.ascii().contains(".")) {
            throw new IllegalArgumentException("must have at least two labels, such as example.com");
        }
        if (SUFFIXES.isPublicSuffix(domain.ascii())) {
            throw new IllegalArgumentException("is a public suffix, under which anyone registers domains");
        }
        return domain;
    }

    /** Parses a return-path domain: any domain that fits in a DNS name, since its MX and SPF records are its own. */
    public static Domain returnPath(String name) {
        Domain domain = Domain.of(name);
        if (domain.ascii().length() > MAX_DNS_NAME) {
            throw new IllegalArgumentException("must be at most " + MAX_DNS_NAME + " octets (RFC 1035 §2.3.4)");
        }
        return domain;
    }

    /** Parses and checks a name, for request fields. */
    public static Domain parse(String name) {
        return check(Domain.of(name));
    }
}

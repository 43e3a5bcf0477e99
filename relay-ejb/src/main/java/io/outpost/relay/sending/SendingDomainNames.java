package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.dnsauth.PublicSuffixes;

/**
 * Which names may be sending domains. Sender binding lets a tenant send from a sending domain and all its subdomains,
 * so a single label ({@code com}) or a public suffix ({@code co.uk}) would let it send as every domain under it.
 */
public final class SendingDomainNames {

    private static final PublicSuffixes SUFFIXES = new MinimalPublicSuffixes();

    private SendingDomainNames() {}

    /**
     * The domain, if it may be a sending domain.
     *
     * @throws IllegalArgumentException saying why not, in words for an API's field error
     */
    public static Domain check(Domain domain) {
        if (!domain.ascii().contains(".")) {
            throw new IllegalArgumentException("must have at least two labels, such as example.com");
        }
        if (SUFFIXES.isPublicSuffix(domain.ascii())) {
            throw new IllegalArgumentException("is a public suffix, under which anyone registers domains");
        }
        return domain;
    }

    /** Parses and checks a name, for request fields. */
    public static Domain parse(String name) {
        return check(Domain.of(name));
    }
}

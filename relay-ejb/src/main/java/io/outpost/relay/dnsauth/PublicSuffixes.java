package io.outpost.relay.dnsauth;

import io.outpost.api.mail.Domain;
import java.util.Arrays;

/**
 * Tells public suffixes (names under which the public registers domains, such as {@code com} or {@code co.uk}) from
 * private domains, to find a domain's organizational domain (RFC 7489 §3.2).
 */
public interface PublicSuffixes {

    /** True if {@code name} (A-labels, lower case, no trailing dot) is a public suffix. */
    boolean isPublicSuffix(String name);

    /**
     * RFC 7489 §3.2: the longest public suffix of {@code domain} plus one more label; {@code domain} itself if it is a
     * public suffix. When no suffix is known, the last label counts as one, like the public suffix list's "*" rule.
     */
    default Domain organizationalDomain(Domain domain) {
        String[] labels = domain.ascii().split("\\.");
        for (int start = 0; start < labels.length; start++) {
            String candidate = String.join(".", Arrays.copyOfRange(labels, start, labels.length));
            if (isPublicSuffix(candidate) || start == labels.length - 1) {
                return start == 0
                        ? domain
                        : Domain.of(String.join(".", Arrays.copyOfRange(labels, start - 1, labels.length)));
            }
        }
        return domain;
    }
}

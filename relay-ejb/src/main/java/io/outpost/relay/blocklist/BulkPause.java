package io.outpost.relay.blocklist;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.SmtpReply;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which bulk mail waits because a blocklist names where it comes from: every bulk message while an outbound address is
 * listed (any message may leave through it), and bulk mail from a listed sending domain or its subdomains. Sending more
 * bulk mail from a listed address or domain deepens the listing and can spread it to other lists; transactional mail
 * (a password reset, a receipt) still goes. Immutable: the blocklist watch replaces it after each round.
 *
 * @param listedAddresses the outbound addresses listed, with the lists naming them
 * @param listedDomains the sending domains listed, with the lists naming them
 */
public record BulkPause(Map<String, List<String>> listedAddresses, Map<Domain, List<String>> listedDomains) {

    /** Nothing listed: all mail goes. */
    public static final BulkPause NONE = new BulkPause(Map.of(), Map.of());

    public BulkPause {
        listedAddresses = Map.copyOf(listedAddresses);
        listedDomains = Map.copyOf(listedDomains);
    }

    public boolean isEmpty() {
        return listedAddresses.isEmpty() && listedDomains.isEmpty();
    }

    /**
     * The reply a bulk message from {@code authors} (its From: domains) and {@code returnPath} waits with, if it must.
     * RFC 3463 §3.8: X.7.1, delivery not authorized; 4xx, because it goes once the listing clears.
     */
    public Optional<SmtpReply> replyFor(List<Domain> authors, Optional<Domain> returnPath) {
        if (!listedAddresses.isEmpty()) {
            Map.Entry<String, List<String>> listed =
                    listedAddresses.entrySet().iterator().next();
            return Optional.of(paused("outbound address " + listed.getKey(), listed.getValue()));
        }
        for (Map.Entry<Domain, List<String>> listed : listedDomains.entrySet()) {
            boolean ours = authors.stream().anyMatch(author -> isWithin(author, listed.getKey()))
                    || returnPath
                            .filter(domain -> isWithin(domain, listed.getKey()))
                            .isPresent();
            if (ours) {
                return Optional.of(paused("sending domain " + listed.getKey(), listed.getValue()));
            }
        }
        return Optional.empty();
    }

    private static SmtpReply paused(String what, List<String> lists) {
        return SmtpReply.of(
                451, "4.7.1", "Bulk mail paused by Outpost: " + what + " is listed on " + String.join(", ", lists));
    }

    private static boolean isWithin(Domain domain, Domain listed) {
        String name = domain.name().toLowerCase(Locale.ROOT);
        String parent = listed.name().toLowerCase(Locale.ROOT);
        return name.equals(parent) || name.endsWith("." + parent);
    }
}

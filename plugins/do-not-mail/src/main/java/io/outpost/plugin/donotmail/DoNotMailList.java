package io.outpost.plugin.donotmail;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed content of a do-not-mail file: one entry per line, an address ({@code ann@example.com}) or a whole domain
 * ({@code @example.com}, or {@code example.com}); {@code #} at the start of a line or after a space starts a comment
 * (within an address it is part of the local part, as RFC 5321 allows), blank lines are ignored.
 *
 * <p>Addresses are compared without regard to the case of the local part as well as of the domain. RFC 5321 §2.4 lets
 * only the receiving host fold a local part's case, but a list meant to stop mail must not be dodged by writing
 * {@code Ann@} for {@code ann@}: here, erring towards not sending is the safe side. Domains are compared in their
 * A-label form, so {@code bücher.example} and {@code xn--bcher-kva.example} are one; a domain entry covers that domain
 * only, not its subdomains.
 */
record DoNotMailList(Set<String> addresses, Set<String> domains) {

    DoNotMailList {
        addresses = Set.copyOf(addresses);
        domains = Set.copyOf(domains);
    }

    /**
     * Parses the lines of a file.
     *
     * @throws IllegalArgumentException naming the first bad line
     */
    static DoNotMailList parse(List<String> lines) {
        Set<String> addresses = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = withoutComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("@")) {
                    domains.add(Domain.of(line.substring(1)).ascii());
                } else if (line.contains("@")) {
                    addresses.add(key(EmailAddress.parse(line)));
                } else {
                    domains.add(Domain.of(line).ascii());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new DoNotMailList(addresses, domains);
    }

    /** The entry that lists {@code recipient}, as the operator would find it in the file, if any. */
    Optional<String> entryFor(EmailAddress recipient) {
        String domain = recipient.domain().ascii();
        if (domains.contains(domain)) {
            return Optional.of("@" + domain);
        }
        String address = key(recipient);
        return addresses.contains(address) ? Optional.of(address) : Optional.empty();
    }

    int size() {
        return addresses.size() + domains.size();
    }

    private static String key(EmailAddress address) {
        return address.localPart().toLowerCase(Locale.ROOT) + "@"
                + address.domain().ascii();
    }

    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}

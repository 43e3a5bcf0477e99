package io.outpost.relay.content;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.HeaderField;
import io.outpost.api.plugin.MessageHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the domains of the addresses in a message's From: field (RFC 5322 §3.6.2 {@code from = "From:" mailbox-list}),
 * for the sender binding and the signing domain. Careful rather than lenient: a display name may say anything, so only the
 * address counts; comments are skipped, quoted strings respected, and anything ambiguous yields no domains at all, so a
 * policy that finds none refuses the message (fails closed).
 */
public final class HeaderFrom {

    private static final String FIELD = "From";

    private HeaderFrom() {}

    /**
     * The domain of every mailbox in the From: field, in order; empty if the field is missing, appears more than once
     * (RFC 5322 §3.6 allows exactly one, and a second one is a known spoofing trick), or does not parse.
     */
    public static List<Domain> domains(byte[] headerSection) {
        return domainsOf(HeaderFields.values(headerSection, FIELD));
    }

    /** As {@link #domains(byte[])}, from the header fields already parsed. */
    public static List<Domain> domains(MessageHeaders headers) {
        return domainsOf(headers.all(FIELD).stream().map(HeaderField::value).toList());
    }

    private static List<Domain> domainsOf(List<String> values) {
        if (values.size() != 1) {
            return List.of();
        }
        try {
            return new Scanner(values.get(0)).mailboxDomains();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    /** One pass over an unfolded field value; throws {@link IllegalArgumentException} for anything not understood. */
    private static final class Scanner {

        private final String value;
        private final List<Domain> domains = new ArrayList<>();
        private StringBuilder outside = new StringBuilder();
        private StringBuilder angle = new StringBuilder();
        private int angles;
        private boolean inAngle;
        private boolean afterAngle;

        private Scanner(String value) {
            this.value = value;
        }

        private List<Domain> mailboxDomains() {
            int i = 0;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (c == '"') {
                    int end = endOfQuotedString(i);
                    text(value.substring(i, end));
                    i = end;
                    continue;
                }
                if (c == '(') {
                    i = endOfComment(i);
                    text(" "); // RFC 5322 §3.2.2: a comment is folding white space
                    continue;
                }
                if (c == '<') {
                    require(!inAngle && angles == 0);
                    inAngle = true;
                    angles++;
                } else if (c == '>') {
                    require(inAngle);
                    inAngle = false;
                    afterAngle = true;
                } else if (c == ',' && !inAngle) {
                    endMailbox();
                } else {
                    text(String.valueOf(c));
                }
                i++;
            }
            require(!inAngle);
            endMailbox();
            return List.copyOf(domains);
        }

        private void text(String text) {
            if (inAngle) {
                angle.append(text);
            } else {
                // Nothing but white space may follow the angle-addr (RFC 5322 §3.4 name-addr).
                require(!afterAngle || text.isBlank());
                outside.append(text);
            }
        }

        private void endMailbox() {
            String address;
            if (angles == 1) {
                // The display name is a phrase: an unquoted '@' or ':' there is a trick or an error, never an address.
                require(noneOutsideQuotes(outside.toString(), "@:;<>"));
                address = angle.toString().strip();
            } else {
                address = outside.toString().strip();
            }
            domains.add(domainOf(address));
            outside = new StringBuilder();
            angle = new StringBuilder();
            angles = 0;
            afterAngle = false;
        }

        // RFC 5322 §3.4.1 addr-spec = local-part "@" domain; no route (obs-route) and no group syntax.
        private static Domain domainOf(String address) {
            require(noneOutsideQuotes(address, ":;"));
            int at = lastAtOutsideQuotes(address);
            require(at > 0 && at < address.length() - 1);
            String domain = address.substring(at + 1).strip();
            require(!domain.startsWith("["));
            return Domain.of(domain);
        }

        private int endOfQuotedString(int start) {
            for (int i = start + 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unterminated quoted string");
        }

        // RFC 5322 §3.2.2: comments nest and may contain quoted pairs.
        private int endOfComment(int start) {
            int depth = 0;
            for (int i = start; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unterminated comment");
        }

        private static boolean noneOutsideQuotes(String text, String forbidden) {
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && forbidden.indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }

        private static int lastAtOutsideQuotes(String address) {
            int at = -1;
            boolean quoted = false;
            for (int i = 0; i < address.length(); i++) {
                char c = address.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '@') {
                    at = i;
                }
            }
            return at;
        }

        private static void require(boolean condition) {
            if (!condition) {
                throw new IllegalArgumentException("malformed From field");
            }
        }
    }
}

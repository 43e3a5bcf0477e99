package io.outpost.api.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A mailbox {@code local-part@domain} as it appears in an SMTP path (RFC 5321 §4.1.2), with a UTF-8 local part allowed
 * (RFC 6531). The local part is kept exactly as written (it is case-sensitive, §2.4); the domain is a {@link Domain}.
 */
public record EmailAddress(String localPart, Domain domain) {

    /** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_PART = 64;

    /** RFC 5321 §4.5.3.1.3: a path, including the angle brackets, is at most 256 octets. */
    public static final int MAX_PATH = 256;

    public EmailAddress {
        if (localPart == null || localPart.isEmpty()) {
            throw new IllegalArgumentException("empty local part");
        }
        if (domain == null) {
            throw new IllegalArgumentException("missing domain");
        }
        if (localPart.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("local part longer than 64 octets");
        }
        if (!isDotString(localPart) && !isQuotedString(localPart)) {
            throw new IllegalArgumentException("invalid local part: " + localPart);
        }
    }

    /**
     * Parses {@code local@domain} (no angle brackets). The split is at the last {@code @}: a quoted local part may
     * itself contain one.
     */
    public static EmailAddress parse(String mailbox) {
        if (mailbox == null) {
            throw new IllegalArgumentException("missing address");
        }
        if (mailbox.getBytes(StandardCharsets.UTF_8).length + 2 > MAX_PATH) {
            throw new IllegalArgumentException("address longer than 254 octets");
        }
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new IllegalArgumentException("address must be local-part@domain: " + mailbox);
        }
        String domain = mailbox.substring(at + 1);
        if (domain.startsWith("[")) {
            throw new IllegalArgumentException("address literals are not accepted: " + mailbox);
        }
        return new EmailAddress(mailbox.substring(0, at), Domain.of(domain));
    }

    /**
     * True if both name one mailbox, so that mail for them must be delivered once (RFC 5321 §2.4): the local part
     * compared exactly, as only the receiving host may fold its case; the domain without regard to case and in its
     * A-label form, so {@code bücher.example} and {@code xn--bcher-kva.example} are one domain.
     */
    public boolean isSameMailbox(EmailAddress other) {
        return localPart.equals(other.localPart) && domain.ascii().equals(other.domain.ascii());
    }

    /** The addresses in their order, each mailbox once (the first spelling given is kept), by {@link #isSameMailbox}. */
    public static List<EmailAddress> distinctMailboxes(Collection<EmailAddress> addresses) {
        List<EmailAddress> distinct = new ArrayList<>(addresses.size());
        for (EmailAddress address : addresses) {
            if (distinct.stream().noneMatch(address::isSameMailbox)) {
                distinct.add(address);
            }
        }
        return List.copyOf(distinct);
    }

    /** True if any character needs SMTPUTF8 (RFC 6531) to be carried. */
    public boolean needsUtf8() {
        return !toString().chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain.name();
    }

    // RFC 5321 §4.1.2 Dot-string = Atom *("." Atom); atext from RFC 5322 §3.2.3, widened by RFC 6531 to UTF-8.
    private static boolean isDotString(String s) {
        if (s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        return s.codePoints().allMatch(c -> c == '.' || isAtext(c));
    }

    private static boolean isAtext(int c) {
        if (c >= 0x80) {
            return true;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    // RFC 5321 §4.1.2 Quoted-string = DQUOTE *QcontentSMTP DQUOTE
    private static boolean isQuotedString(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= s.length() - 1 || s.charAt(i) < 32 || s.charAt(i) > 126) {
                    return false;
                }
            } else if (c == '"' || (c < 32) || c == 127) {
                return false;
            }
        }
        return true;
    }
}

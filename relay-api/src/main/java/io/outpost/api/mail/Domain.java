package io.outpost.api.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS domain name as used in SMTP paths (RFC 5321 §4.1.2 {@code Domain}), held in lower case.
 *
 * <p>U-labels (internationalised names, RFC 6531) are accepted and kept as written; {@link #ascii()} gives the
 * A-label form that DNS look-ups need. Address literals ({@code [192.0.2.1]}) and a trailing dot are not domains
 * here: a relay that accepted them would route around its own policy.
 */
public record Domain(String name) {

    /** RFC 5321 §4.5.3.1.2: a domain is at most 255 octets. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public Domain {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        name = name.toLowerCase(Locale.ROOT);
        String ascii = toAscii(name);
        if (ascii.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("domain longer than 255 octets");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 1) {
            throw new IllegalArgumentException("invalid domain: " + name);
        }
        for (String label : labels) {
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("invalid domain label in: " + name);
            }
        }
    }

    /** Parses a domain, returning the value or throwing {@link IllegalArgumentException} with the reason. */
    public static Domain of(String name) {
        return new Domain(name);
    }

    /** The A-label (Punycode) form for DNS, identical to {@link #name()} for ASCII domains. */
    public String ascii() {
        return toAscii(name);
    }

    /** True if this is {@code other} or a subdomain of it. */
    public boolean isWithin(Domain other) {
        return name.equals(other.name) || name.endsWith("." + other.name);
    }

    private static String toAscii(String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid internationalised domain: " + name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

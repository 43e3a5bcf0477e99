package io.outpost.relay.suppression;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an entry suppresses: one address, or every address of a domain. Kept as one text: an address with its local part
 * folded to lower case and its domain as an A-label, or {@code @} and the domain's A-label.
 *
 * <p>The local part is folded although RFC 5321 §2.4 lets a receiving host tell {@code Ann} from {@code ann}: almost
 * none does, and a list must err on the side of not sending, so that {@code Ann@} who unsubscribed is not mailed again
 * as {@code ann@}.
 */
public record SuppressionTarget(String value) {

    // What AddressHash writes: its prefix and 32 octets in base64url without padding.
    private static final Pattern HASHED = Pattern.compile(Pattern.quote(AddressHash.PREFIX) + "[A-Za-z0-9_-]{43}");

    /** Longest text: an address's 64-octet local part, {@code @} and a 255-octet domain. */
    public static final int MAX_LENGTH = 320;

    public SuppressionTarget {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a suppression target has 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** The entry for one address. */
    public static SuppressionTarget address(EmailAddress address) {
        return new SuppressionTarget(address.localPart().toLowerCase(Locale.ROOT) + "@" + ascii(address.domain()));
    }

    /** The entry for every address of a domain (not its subdomains). */
    public static SuppressionTarget domain(Domain domain) {
        return new SuppressionTarget("@" + ascii(domain));
    }

    /**
     * The target as the API names it: an address, {@code @} and a domain, or what stays of an erased address.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static SuppressionTarget parse(String text) {
        if (text.startsWith("@")) {
            return domain(Domain.of(text.substring(1)));
        }
        if (HASHED.matcher(text).matches()) {
            return new SuppressionTarget(text);
        }
        return address(EmailAddress.parse(text));
    }

    /** The targets that would suppress mail to {@code recipient}: its own address and its domain. */
    public static List<SuppressionTarget> covering(EmailAddress recipient) {
        return List.of(address(recipient), domain(recipient.domain()));
    }

    // DNS names are case-insensitive (RFC 4343): one spelling, whichever the client wrote.
    private static String ascii(Domain domain) {
        return domain.ascii().toLowerCase(Locale.ROOT);
    }

    /** True for a whole domain. */
    public boolean isDomain() {
        return value.startsWith("@");
    }

    /** True for what stays of an erased address ({@link AddressHash}). */
    public boolean isHashed() {
        return value.startsWith(AddressHash.PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}

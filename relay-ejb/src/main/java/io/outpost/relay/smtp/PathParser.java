package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the arguments of MAIL and RCPT: {@code FROM:<path> [params]} and {@code TO:<path> [params]}. */
final class PathParser {

    // RFC 1870 §3: size-value = 1*20DIGIT
    private static final Pattern SIZE_VALUE = Pattern.compile("\\d{1,20}");
    static final String POSTMASTER = "postmaster";
    private static final Pattern PARAMETER_SEPARATOR = Pattern.compile(" +");

    private PathParser() {}

    /** {@code extended} is true after EHLO: only then may parameters follow the path (RFC 5321 §4.1.1.11). */
    static MailFrom mailFrom(String argument, boolean extended) throws SmtpRejection {
        PathAndParameters parsed = split(argument, "FROM:", Replies.INVALID_SENDER);
        if (!extended && !parsed.parameters().isEmpty()) {
            throw new SmtpRejection(Replies.UNKNOWN_PARAMETER);
        }
        OptionalLong size = OptionalLong.empty();
        boolean eightBitMime = false;
        boolean smtpUtf8 = false;
        Set<String> seen = new HashSet<>();
        for (String parameter : parsed.parameters()) {
            int eq = parameter.indexOf('=');
            String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : parameter.substring(eq + 1);
            if (!seen.add(keyword)) {
                throw new SmtpRejection(Replies.SYNTAX_ERROR);
            }
            switch (keyword) {
                case "SIZE" -> size = OptionalLong.of(sizeValue(value));
                case "BODY" -> eightBitMime = bodyValue(value);
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw new SmtpRejection(Replies.SYNTAX_ERROR);
                    }
                    smtpUtf8 = true;
                }
                    // RFC 4954 §5: the original submitter, passed on by relays. Outpost trusts only its own AUTH, so
                    // the
                    // value is checked for form and otherwise ignored, as §5 allows.
                case "AUTH" -> {
                    if (value == null || value.isEmpty()) {
                        throw new SmtpRejection(Replies.SYNTAX_ERROR);
                    }
                }
                default -> throw new SmtpRejection(Replies.UNKNOWN_PARAMETER);
            }
        }
        ReversePath sender = parsed.path().isEmpty()
                ? ReversePath.NULL
                : ReversePath.of(
                        mailbox(parsed.path(), smtpUtf8, Replies.INVALID_SENDER, Replies.SENDER_SOURCE_ROUTE_REFUSED));
        return new MailFrom(sender, size, eightBitMime, smtpUtf8);
    }

    /**
     * {@code smtpUtf8} is whether the transaction's MAIL carried the SMTPUTF8 parameter; {@code serverDomain} completes
     * the bare {@code <Postmaster>} that RFC 5321 §4.5.1 requires every server to accept.
     */
    static EmailAddress rcptTo(String argument, boolean smtpUtf8, Domain serverDomain) throws SmtpRejection {
        PathAndParameters parsed = split(argument, "TO:", Replies.INVALID_RECIPIENT);
        if (!parsed.parameters().isEmpty()) {
            throw new SmtpRejection(Replies.UNKNOWN_PARAMETER);
        }
        if (parsed.path().equalsIgnoreCase(POSTMASTER)) {
            return new EmailAddress(POSTMASTER, serverDomain);
        }
        refuseRoutingTricks(parsed.path());
        return mailbox(parsed.path(), smtpUtf8, Replies.INVALID_RECIPIENT, Replies.SOURCE_ROUTE_REFUSED);
    }

    /**
     * Refuses recipient syntaxes that once made relays forward mail onward: {@code user%other@local} (percent hack),
     * {@code host!user} (bang path), a quoted local part hiding an {@code @}, and address literals that bypass the
     * domain check. Source routes are refused in {@link #mailbox}.
     */
    private static void refuseRoutingTricks(String path) throws SmtpRejection {
        if (path.startsWith("@")) {
            return;
        }
        int at = path.lastIndexOf('@');
        String localPart = at < 0 ? path : path.substring(0, at);
        if (localPart.indexOf('%') >= 0) {
            throw new SmtpRejection(Replies.PERCENT_HACK_REFUSED);
        }
        if (localPart.indexOf('!') >= 0) {
            throw new SmtpRejection(Replies.BANG_PATH_REFUSED);
        }
        if (localPart.startsWith("\"") && localPart.indexOf('@') >= 0) {
            throw new SmtpRejection(Replies.QUOTED_AT_REFUSED);
        }
        if (at >= 0 && path.startsWith("[", at + 1)) {
            throw new SmtpRejection(Replies.ADDRESS_LITERAL_REFUSED);
        }
    }

    private static EmailAddress mailbox(String path, boolean smtpUtf8, SmtpReply invalid, SmtpReply sourceRoute)
            throws SmtpRejection {
        if (path.startsWith("@")) {
            throw new SmtpRejection(sourceRoute);
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(path);
        } catch (IllegalArgumentException e) {
            throw new SmtpRejection(invalid);
        }
        // RFC 6531 §3.7.4.1: a non-ASCII address without SMTPUTF8 is refused with 553 5.6.7.
        if (address.needsUtf8() && !smtpUtf8) {
            throw new SmtpRejection(Replies.UTF8_NEEDS_SMTPUTF8);
        }
        return address;
    }

    private static PathAndParameters split(String argument, String keyword, SmtpReply invalidPath)
            throws SmtpRejection {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        // RFC 5321 §4.1.2 has no space after the colon, but many clients send one; it is harmless to allow.
        String rest = argument.substring(keyword.length()).stripLeading();
        if (!rest.startsWith("<")) {
            throw new SmtpRejection(invalidPath);
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw new SmtpRejection(invalidPath);
        }
        String parameters = rest.substring(close + 1);
        if (!parameters.isEmpty() && !parameters.startsWith(" ")) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        String trimmed = parameters.strip();
        List<String> list = trimmed.isEmpty() ? List.of() : List.of(PARAMETER_SEPARATOR.split(trimmed));
        return new PathAndParameters(rest.substring(1, close), list);
    }

    // A quoted local part (RFC 5321 §4.1.2 Quoted-string) may itself contain '>'.
    private static int closingBracket(String rest) {
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static long sizeValue(String value) throws SmtpRejection {
        if (value == null || !SIZE_VALUE.matcher(value).matches()) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLargeForLong) {
            return Long.MAX_VALUE;
        }
    }

    // RFC 6152 §2: BODY=7BIT or BODY=8BITMIME; BINARYMIME is not advertised.
    private static boolean bodyValue(String value) throws SmtpRejection {
        if ("8BITMIME".equalsIgnoreCase(value)) {
            return true;
        }
        if ("7BIT".equalsIgnoreCase(value)) {
            return false;
        }
        throw new SmtpRejection(Replies.SYNTAX_ERROR);
    }

    private record PathAndParameters(String path, List<String> parameters) {}
}

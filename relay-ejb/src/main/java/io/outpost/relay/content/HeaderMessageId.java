package io.outpost.relay.content;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * The msg-id of a message's Message-ID field (RFC 5322 §3.6.4), as a tenant searches for it: unfolded, without the
 * angle brackets and the whitespace around them. Parsed with Jakarta Mail's {@link InternetHeaders}, the stack's own
 * header parser, rather than by hand.
 */
public final class HeaderMessageId {

    /** RFC 5322 §2.1.1: a line is at most 998 characters; a longer value is no msg-id any sender meant. */
    public static final int MAX_LENGTH = 998;

    private HeaderMessageId() {}

    /** The first Message-ID field's msg-id in {@code headerSection}, if there is a usable one. */
    public static Optional<String> of(byte[] headerSection) {
        String value;
        try {
            value = new InternetHeaders(new ByteArrayInputStream(headerSection), true).getHeader("Message-ID", null);
        } catch (MessagingException e) {
            return Optional.empty();
        }
        return value == null ? Optional.empty() : normalize(value);
    }

    /** {@code text} as a Message-ID is stored and looked up: {@code <a@b>}, {@code a@b} and {@code  <a@b> } alike. */
    public static Optional<String> normalize(String text) {
        String id = MimeUtility.unfold(text).strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() || id.length() > MAX_LENGTH ? Optional.empty() : Optional.of(id);
    }
}

package io.outpost.relay.content;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The msg-id of a message's Message-ID field (RFC 5322 §3.6.4), as a tenant searches for it: unfolded, without the
 * angle brackets and the white space around them.
 */
public final class HeaderMessageId {

    /**
     * RFC 5322 §2.1.1: a line is at most 998 characters; a longer value is no msg-id any sender meant. Counted in UTF-8
     * octets (RFC 6532 allows UTF-8 here), which also keeps an index entry within PostgreSQL's B-tree limit (about
     * 2,700 octets).
     */
    public static final int MAX_LENGTH = 998;

    private HeaderMessageId() {}

    /** The first Message-ID field's msg-id in {@code headerSection}, if there is a usable one. */
    public static Optional<String> of(byte[] headerSection) {
        List<String> values = HeaderFields.values(headerSection, "Message-ID");
        return values.isEmpty() ? Optional.empty() : normalize(values.get(0));
    }

    /** {@code text} as a Message-ID is stored and looked up: {@code <a@b>}, {@code a@b} and {@code  <a@b> } alike. */
    public static Optional<String> normalize(String text) {
        String id = text.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH
                ? Optional.empty()
                : Optional.of(id);
    }
}

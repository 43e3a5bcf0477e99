package io.outpost.web.messages;

import io.outpost.relay.tenant.NoSuchEntryException;
import java.util.Optional;

/** Message ids as the API writes them (decimal strings, as in the 202) and reads them back from a path. */
public final class MessageIds {

    private static final int MAX_DIGITS = 19;

    private MessageIds() {}

    /** The id, or empty for text that cannot be one (which no message has, so it is a 404 like any unknown id). */
    public static Optional<Long> parse(String text) {
        // As the API writes them: no sign, no leading zero.
        if (text.isEmpty()
                || text.length() > MAX_DIGITS
                || text.startsWith("0")
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** The one answer for an id that is not a message, not the caller's, or not even a number: nothing echoed back. */
    public static NoSuchEntryException notFound() {
        return new NoSuchEntryException("no such message");
    }
}

package io.outpost.api.plugin;

import java.util.Locale;
import java.util.Optional;

/**
 * Which stream a message is sent on, as its tenant chose it (per message, or by its credential's or its own default):
 * suppression, tracking and unsubscribe rules differ between the two (an unsubscribe stops a newsletter, not a password
 * reset), and receivers judge them apart.
 */
public enum MessageStream {
    /** Triggered by the recipient's own action: receipts, password resets, notifications. */
    TRANSACTIONAL,
    /** Sent in bulk to a list: newsletters, campaigns (RFC 8058 one-click unsubscribe applies). */
    BULK;

    /** Its name as the HTTP API, the SMTP header and the configuration spell it: {@code transactional}, {@code bulk}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stream named {@code name} (in any case), for a request field.
     *
     * @throws IllegalArgumentException saying which names there are
     */
    public static MessageStream of(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("must be transactional or bulk"));
    }

    /** The stream named {@code name} (in any case), or empty if there is none of that name. */
    public static Optional<MessageStream> named(String name) {
        for (MessageStream stream : values()) {
            if (stream.wireName().equalsIgnoreCase(name.strip())) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }
}

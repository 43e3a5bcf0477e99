package io.outpost.relay.tracking;

import java.util.Locale;
import java.util.Optional;

/**
 * What an SMTP client asks to track in one message with its {@code X-Outpost-Track} field: {@code none}, or any of
 * {@code opens}, {@code clicks} and {@code text} (separated by commas or spaces); the parts named are tracked, the others
 * not. Without the field, the tenant's setting for the message's stream applies.
 */
public final class TrackingField {

    private TrackingField() {}

    /** What the value asks, or empty if it is not one of the above (a client that meant something else). */
    public static Optional<TrackingOverride> parse(String value) {
        boolean opens = false;
        boolean clicks = false;
        boolean text = false;
        String[] parts = value.strip().toLowerCase(Locale.ROOT).split("[,\\s]+");
        if (parts.length == 1 && parts[0].equals("none")) {
            return Optional.of(override(false, false, false));
        }
        for (String part : parts) {
            switch (part) {
                case "opens" -> opens = true;
                case "clicks" -> clicks = true;
                case "text" -> text = true;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(override(opens, clicks, text));
    }

    private static TrackingOverride override(boolean opens, boolean clicks, boolean text) {
        return new TrackingOverride(Optional.of(opens), Optional.of(clicks), Optional.of(text));
    }
}

package io.outpost.relay.tracking;

import io.outpost.api.plugin.MessageStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * What is tracked in a message: opens (a pixel in its HTML), clicks (its HTML links rewritten), and the links of its
 * text part too (off unless asked: a rewritten link is longer and less readable in plain text).
 */
public record TrackingOptions(boolean opens, boolean clicks, boolean textLinks) {

    public static final TrackingOptions NONE = new TrackingOptions(false, false, false);

    /** The relay's defaults: bulk mail tracked (opens and HTML clicks), transactional mail not. */
    public static TrackingOptions defaultFor(MessageStream stream) {
        return stream == MessageStream.BULK ? new TrackingOptions(true, true, false) : NONE;
    }

    public boolean any() {
        return opens || clicks || textLinks;
    }

    /** As a tenant's setting stores it: {@code opens,clicks,text}, any of them, or empty for nothing. */
    public String stored() {
        return String.join(
                ",",
                Stream.of(opens ? "opens" : "", clicks ? "clicks" : "", textLinks ? "text" : "")
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** The options a stored setting names ({@link #stored()}). */
    public static TrackingOptions ofStored(String stored) {
        List<String> names = List.of(stored.split(","));
        return new TrackingOptions(names.contains("opens"), names.contains("clicks"), names.contains("text"));
    }
}

package io.outpost.relay.queue;

import java.util.Locale;
import java.util.Optional;

/** What a tenant's statistics are broken down by, besides the day. */
public enum StatsDimension {
    /** All its mail. */
    ALL("all"),
    /** Each tag its messages carried (a message with two tags counts for both). */
    TAG("tag"),
    /** Each sending domain: the domain of the envelope sender. */
    DOMAIN("domain");

    private final String stored;

    StatsDimension(String stored) {
        this.stored = stored;
    }

    /** As {@code outpost_stats.dimension} holds it. */
    String stored() {
        return stored;
    }

    public static Optional<StatsDimension> named(String name) {
        for (StatsDimension dimension : values()) {
            if (dimension.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(dimension);
            }
        }
        return Optional.empty();
    }
}

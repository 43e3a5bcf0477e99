package io.outpost.relay.tracking;

import java.util.Objects;
import java.util.Optional;

/**
 * What one message asks to track, each part on its own: {@code {"clicks": false}} turns off click tracking and keeps
 * whatever its tenant's setting says of opens.
 */
public record TrackingOverride(Optional<Boolean> opens, Optional<Boolean> clicks, Optional<Boolean> textLinks) {

    /** Asks nothing: the tenant's setting for the stream applies. */
    public static final TrackingOverride NONE =
            new TrackingOverride(Optional.empty(), Optional.empty(), Optional.empty());

    public TrackingOverride {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(clicks, "clicks");
        Objects.requireNonNull(textLinks, "textLinks");
    }

    /** {@code defaults} with what this asks laid over them. */
    public TrackingOptions over(TrackingOptions defaults) {
        return new TrackingOptions(
                opens.orElse(defaults.opens()),
                clicks.orElse(defaults.clicks()),
                textLinks.orElse(defaults.textLinks()));
    }
}

package io.outpost.relay.blocklist;

import io.outpost.api.plugin.BlocklistStatus.Listing;
import java.time.Instant;
import java.util.List;

/** A target listed (newly, or on other lists than before) or delisted, as one monitor saw it. */
public record BlocklistEvent(long id, String target, String monitor, Kind kind, List<Listing> listings, Instant at) {

    public enum Kind {
        LISTED,
        DELISTED
    }

    public BlocklistEvent {
        listings = List.copyOf(listings);
    }
}

package io.outpost.relay.blocklist;

import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.BlocklistStatus.Listing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one monitor last knew of one target.
 *
 * @param state CLEAN or LISTED as last known; UNKNOWN only while no check has answered yet
 * @param checkedAt the last check that answered
 * @param changedAt since when the state is what it is
 * @param failedAt the last check that could not tell, if any, with {@code failure} saying why
 */
public record BlocklistEntry(
        String target,
        String monitor,
        BlocklistStatus.State state,
        List<Listing> listings,
        Optional<Instant> checkedAt,
        Instant changedAt,
        Optional<Instant> failedAt,
        Optional<String> failure) {

    public BlocklistEntry {
        listings = List.copyOf(listings);
    }
}

package io.outpost.api.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BlocklistMonitor} found for one target at one time.
 *
 * @param target what was looked up
 * @param state {@link State#LISTED} if any list names it (then {@code listings} says which)
 * @param listings the lists that name the target; empty unless LISTED
 * @param checkedAt when the look-up was made
 */
public record BlocklistStatus(MonitoredTarget target, State state, List<Listing> listings, Instant checkedAt) {

    /** The outcome of one look-up. */
    public enum State {
        /** No list this monitor asked names the target. */
        CLEAN,
        /** At least one list names the target. */
        LISTED,
        /** The monitor could not tell (a list did not answer); the previous state stands. */
        UNKNOWN
    }

    /**
     * One list that names the target.
     *
     * @param list the list's name or zone, for example {@code zen.spamhaus.org}
     * @param detail what the list says (its return code or TXT record), if anything
     * @param delistUrl where the operator can ask for removal, if known
     */
    public record Listing(String list, Optional<String> detail, Optional<String> delistUrl) {
        public Listing {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(delistUrl, "delistUrl");
        }
    }

    public BlocklistStatus {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checkedAt, "checkedAt");
        listings = List.copyOf(listings);
        if ((state == State.LISTED) == listings.isEmpty()) {
            throw new IllegalArgumentException("LISTED needs listings, and only LISTED has them");
        }
    }

    public static BlocklistStatus clean(MonitoredTarget target, Instant checkedAt) {
        return new BlocklistStatus(target, State.CLEAN, List.of(), checkedAt);
    }

    public static BlocklistStatus listed(MonitoredTarget target, List<Listing> listings, Instant checkedAt) {
        return new BlocklistStatus(target, State.LISTED, listings, checkedAt);
    }

    public static BlocklistStatus unknown(MonitoredTarget target, Instant checkedAt) {
        return new BlocklistStatus(target, State.UNKNOWN, List.of(), checkedAt);
    }
}

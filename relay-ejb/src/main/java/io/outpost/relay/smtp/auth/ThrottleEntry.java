package io.outpost.relay.smtp.auth;

import java.time.Instant;
import java.util.Optional;

/** One row of the {@link AuthThrottle} snapshot, for the admin API: who failed how often, and whether it is blocked. */
public record ThrottleEntry(String key, Kind kind, int failures, Optional<Instant> blockedUntil) {

    /** What the key counts failures for. */
    public enum Kind {
        IP,
        USERNAME
    }
}

package io.outpost.relay.suppression;

import java.time.Instant;
import java.util.Optional;

/**
 * One change to a suppression list, kept after its entry is gone.
 *
 * @param actor who or what made it: {@code api-key:<id>}, {@code admin:<name>}, {@code delivery}, …
 */
public record SuppressionChange(
        SuppressionScope scope,
        SuppressionTarget target,
        Kind kind,
        SuppressionReason reason,
        String actor,
        Optional<String> note,
        Instant occurredAt) {

    public enum Kind {
        ADDED,
        REMOVED
    }
}

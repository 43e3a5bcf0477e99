package io.outpost.relay.suppression;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of an imported list: what to put where, as a person's add would.
 *
 * @param scope the list it goes on
 * @param expiresAt when it stops holding; empty for good
 */
public record ImportRow(
        SuppressionScope scope,
        SuppressionTarget target,
        SuppressionReason reason,
        Optional<String> note,
        Optional<Instant> expiresAt) {}

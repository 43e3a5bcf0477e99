package io.outpost.relay.suppression;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of a suppression list.
 *
 * @param messageId the message whose bounce, complaint or unsubscribe caused it
 * @param evidence what showed it: the remote server's reply, or the report that came back
 * @param note what the person who added it wrote
 * @param expiresAt when it stops holding; empty for good
 */
public record SuppressionEntry(
        SuppressionScope scope,
        SuppressionTarget target,
        SuppressionReason reason,
        OptionalLong messageId,
        Optional<String> evidence,
        Optional<String> note,
        Instant createdAt,
        Optional<Instant> expiresAt) {

    /** Longest note, in characters. */
    public static final int MAX_NOTE = 1000;

    /** True while it holds. */
    public boolean holdsAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }
}

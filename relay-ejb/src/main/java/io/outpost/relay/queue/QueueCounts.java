package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The queue stats, each a range count of the index {@code outpost_recipient_finished} (state, updated_at), never a
 * scan of the table: recipients still to be delivered (QUEUED, DEFERRED) all, and final ones (DELIVERED, BOUNCED,
 * EXPIRED, SUPPRESSED, REFUSED, CAPTURED) of the last {@link #FINAL_WINDOW} only, so the cost follows the live queue and the last hour's traffic, not
 * the retention period.
 */
public final class QueueCounts {

    /** How far back final recipients are counted. */
    public static final Duration FINAL_WINDOW = Duration.ofHours(1);

    private QueueCounts() {}

    /** Recipients per state at {@code now}; final states only if they became final in the last hour. */
    public static Map<RecipientState, Long> count(EntityManager em, Instant now) {
        Map<RecipientState, Long> counts = new EnumMap<>(RecipientState.class);
        Timestamp since = Timestamp.from(now.minus(FINAL_WINDOW));
        for (RecipientState state : RecipientState.values()) {
            Object count = state.isFinal()
                    ? em.createNativeQuery(
                                    "SELECT COUNT(*) FROM outpost_recipient WHERE state = ?1 AND updated_at >= ?2")
                            .setParameter(1, state.name())
                            .setParameter(2, since)
                            .getSingleResult()
                    : em.createNativeQuery("SELECT COUNT(*) FROM outpost_recipient WHERE state = ?1")
                            .setParameter(1, state.name())
                            .getSingleResult();
            counts.put(state, ((Number) count).longValue());
        }
        return counts;
    }
}

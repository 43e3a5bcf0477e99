package io.outpost.relay.sending;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long a sending domain's history ({@link DomainEvent}) is kept: {@code keep} after it happened, like the queue's
 * records (outpost.retention.records). The domain's current state is on the domain itself; events are its history.
 * Each call deletes one bounded batch, oldest first, through the index {@code outpost_domain_event_time} (V5 migration).
 *
 * @param keep how long an event stays
 * @param batch events per transaction
 */
public record DomainEventRetention(Duration keep, int batch) {

    /** Events older than {@code ?1}, oldest first, at most {@code ?2}. */
    static final String OLDER_THAN = "SELECT id FROM outpost_domain_event WHERE occurred_at < ?1"
            + " ORDER BY occurred_at FETCH FIRST ?2 ROWS ONLY";

    public DomainEventRetention {
        if (keep.isNegative() || batch < 1) {
            throw new IllegalArgumentException("retention needs a duration >= 0 and a batch >= 1");
        }
    }

    /**
     * Deletes up to {@link #batch} events that happened longer than {@link #keep} ago.
     *
     * @return how many were deleted; fewer than the batch means none are left
     */
    public int deleteOld(EntityManager em, Instant now) {
        List<?> ids = em.createNativeQuery(OLDER_THAN)
                .setParameter(1, Timestamp.from(now.minus(keep)))
                .setParameter(2, batch)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM DomainEvent e WHERE e.id IN :ids")
                .setParameter(
                        "ids", ids.stream().map(id -> ((Number) id).longValue()).toList())
                .executeUpdate();
    }
}

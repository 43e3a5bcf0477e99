package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL: select and lease in one statement; {@code FOR UPDATE SKIP LOCKED} lets several servers claim from one
 * queue at once without waiting on, or double-claiming, each other's rows.
 */
final class PostgresDueClaimer implements DueClaimer {

    /** The rows a claim takes: due ({@code ?3} = now), oldest first, at most {@code ?4}, none another claim holds. */
    static final String DUE_IDS = "SELECT id FROM outpost_recipient WHERE next_attempt_at <= ?3"
            + " ORDER BY next_attempt_at LIMIT ?4 FOR UPDATE SKIP LOCKED";

    private static final String CLAIM =
            "UPDATE outpost_recipient SET next_attempt_at = ?1, claimed_by = ?2, claim_token = ?5"
                    + " WHERE id IN (" + DUE_IDS + ")"
                    + " RETURNING id, message_id, address, attempts";

    @Override
    public List<Claim> claim(EntityManager em, Instant now, Instant leaseUntil, String node, int limit) {
        long token = Claim.newToken();
        List<?> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, Timestamp.from(leaseUntil))
                .setParameter(2, node)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, limit)
                .setParameter(5, token)
                .getResultList();
        return DueClaimer.toClaims(rows, token);
    }
}

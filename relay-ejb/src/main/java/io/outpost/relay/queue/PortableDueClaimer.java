package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The embedded database: lock the due rows with {@code FOR UPDATE}, then lease them. An embedded database serves one
 * server, so waiting on a lock here only ever means waiting on this server's own previous claim.
 */
final class PortableDueClaimer implements DueClaimer {

    /** The rows a claim takes: due ({@code ?1} = now), oldest first, at most {@code ?2}. */
    static final String SELECT_DUE = "SELECT id, message_id, address, attempts FROM outpost_recipient"
            + " WHERE next_attempt_at <= ?1 ORDER BY next_attempt_at FETCH FIRST ?2 ROWS ONLY FOR UPDATE";

    private static final String LEASE =
            "UPDATE QueuedRecipient r SET r.nextAttemptAt = :lease, r.claimedBy = :node WHERE r.id IN :ids";

    @Override
    public List<Claim> claim(EntityManager em, Instant now, Instant leaseUntil, String node, int limit) {
        List<Claim> claims = DueClaimer.toClaims(em.createNativeQuery(SELECT_DUE)
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList());
        if (!claims.isEmpty()) {
            em.createQuery(LEASE)
                    .setParameter("lease", leaseUntil)
                    .setParameter("node", node)
                    .setParameter("ids", claims.stream().map(Claim::recipientId).toList())
                    .executeUpdate();
        }
        return claims;
    }
}

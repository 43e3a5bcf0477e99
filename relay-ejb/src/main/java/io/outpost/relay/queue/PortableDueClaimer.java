package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The embedded database: lock the due rows with {@code FOR UPDATE}, then lease them. An embedded database serves one
 * server, so waiting on a lock here only ever means waiting on this server's own previous claim.
 *
 * <p>Written for H2, whose plans differ from PostgreSQL's in two ways that matter with a large queue (see
 * docs/performance-queue.md). H2 sorts NULL first in an index, and {@code next_attempt_at <= now} alone gives the index
 * scan no lower bound, so it would step over every final recipient (NULL) on each claim: the explicit lower bound
 * starts the scan at the first pending row. And H2 applies {@code FETCH FIRST} to a {@code FOR UPDATE} query only
 * after reading and locking every row that matches, i.e. every due row: so the due rows are picked by an unlocked
 * subquery that stops at the limit, and only those are locked, by primary key. H2 re-checks the outer condition on a
 * row it had to wait for, so a row another claim leased meanwhile is dropped rather than claimed twice.
 */
final class PortableDueClaimer implements DueClaimer {

    /** The rows a claim takes: due ({@code ?1} = now), oldest first, at most {@code ?2}. */
    static final String SELECT_DUE = "SELECT id, message_id, address, attempts FROM outpost_recipient"
            + " WHERE id IN (SELECT id FROM outpost_recipient"
            + " WHERE next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00' AND next_attempt_at <= ?1"
            + " ORDER BY next_attempt_at FETCH FIRST ?2 ROWS ONLY)"
            + " AND next_attempt_at <= ?1 ORDER BY next_attempt_at FOR UPDATE";

    private static final String LEASE =
            "UPDATE QueuedRecipient r SET r.nextAttemptAt = :lease, r.claimedBy = :node, r.claimToken = :token"
                    + " WHERE r.id IN :ids";

    @Override
    public List<Claim> claim(EntityManager em, Instant now, Instant leaseUntil, String node, int limit) {
        long token = Claim.newToken();
        List<Claim> claims = DueClaimer.toClaims(
                em.createNativeQuery(SELECT_DUE)
                        .setParameter(1, Timestamp.from(now))
                        .setParameter(2, limit)
                        .getResultList(),
                token);
        if (!claims.isEmpty()) {
            em.createQuery(LEASE)
                    .setParameter("lease", leaseUntil)
                    .setParameter("node", node)
                    .setParameter("token", token)
                    .setParameter("ids", claims.stream().map(Claim::recipientId).toList())
                    .executeUpdate();
        }
        return claims;
    }
}

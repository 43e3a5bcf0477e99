package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the first request with an idempotency key created: its message and recipient count, and the digest of that
 * request, so a retry gets the same answer and another request with the key is told apart.
 */
public record IdempotentAnswer(String requestSha256, long messageId, int recipients) {

    /** The answer remembered for the tenant's key, if a request with it created a message in the window. */
    static Optional<IdempotentAnswer> find(EntityManager em, TenantId tenant, String key) {
        List<?> rows = em.createNativeQuery("SELECT request_sha256, message_id, recipients FROM outpost_idempotency"
                        + " WHERE tenant_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, key)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new IdempotentAnswer(
                        (String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).intValue()))
                .findFirst();
    }

    /**
     * Forgets the keys remembered before {@code before}, oldest first, about {@code limit} of them (those of the last
     * instant counted go too), so one transaction stays bounded.
     */
    static int forget(EntityManager em, Instant before, int limit) {
        Timestamp cutOff = Timestamp.from(before);
        return em.createNativeQuery("DELETE FROM outpost_idempotency WHERE created_at < ?1 AND created_at <= (SELECT"
                        + " MAX(o.created_at) FROM (SELECT created_at FROM outpost_idempotency WHERE created_at < ?1"
                        + " ORDER BY created_at FETCH FIRST ?2 ROWS ONLY) o)")
                .setParameter(1, cutOff)
                .setParameter(2, limit)
                .executeUpdate();
    }
}

package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of a tenant's idempotency key: what the first request with it created (its message and recipient count),
 * or that a request holding it still runs; with the digest of that request, so a retry gets the same answer and another
 * request with the key is told apart.
 *
 * @param messageId empty while the request that claimed the key runs
 */
public record IdempotentAnswer(String requestSha256, Optional<Long> messageId, int recipients) {

    /** What claiming a key found. */
    public sealed interface Claim {}

    /** The key is this request's now: go on, and name the message in its commit or release the key. */
    public record Claimed() implements Claim {}

    /** The key was used before (or is held by a request that runs now). */
    public record Used(IdempotentAnswer answer) implements Claim {}

    /**
     * A claim older than this with no message was left by a crash (the intake's commit waits 60 s at most): a retry
     * takes it over.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(3);

    /** The answer remembered for the tenant's key, if any. */
    static Optional<IdempotentAnswer> find(EntityManager em, TenantId tenant, String key) {
        List<?> rows = em.createNativeQuery("SELECT request_sha256, message_id, recipients FROM outpost_idempotency"
                        + " WHERE tenant_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, key)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new IdempotentAnswer(
                        (String) row[0],
                        Optional.ofNullable((Number) row[1]).map(Number::longValue),
                        row[2] == null ? 0 : ((Number) row[2]).intValue()))
                .findFirst();
    }

    /**
     * Claims the key for a request, in the caller's transaction: inserts it, or takes over a claim a crash left, or says
     * what holds it. Two requests racing for one key meet at its primary key; the loser finds the winner's row.
     */
    static Claim claim(EntityManager em, IdempotencyKey key, Instant now) {
        Optional<IdempotentAnswer> existing = find(em, key.tenant(), key.key());
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO outpost_idempotency (tenant_id, idempotency_key, request_sha256,"
                            + " created_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, key.tenant().value())
                    .setParameter(2, key.key())
                    .setParameter(3, key.requestSha256())
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate();
            return new Claimed();
        }
        int takenOver = em.createNativeQuery("UPDATE outpost_idempotency SET request_sha256 = ?1, created_at = ?2"
                        + " WHERE tenant_id = ?3 AND idempotency_key = ?4 AND message_id IS NULL AND created_at < ?5")
                .setParameter(1, key.requestSha256())
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, key.tenant().value())
                .setParameter(4, key.key())
                .setParameter(5, Timestamp.from(now.minus(ABANDONED_AFTER)))
                .executeUpdate();
        return takenOver == 1 ? new Claimed() : new Used(existing.get());
    }

    /** Lets go of a claim whose request created nothing, so a retry may run it again. */
    static void release(EntityManager em, IdempotencyKey key) {
        em.createNativeQuery("DELETE FROM outpost_idempotency WHERE tenant_id = ?1 AND idempotency_key = ?2"
                        + " AND message_id IS NULL AND request_sha256 = ?3")
                .setParameter(1, key.tenant().value())
                .setParameter(2, key.key())
                .setParameter(3, key.requestSha256())
                .executeUpdate();
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

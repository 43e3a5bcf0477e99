package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a tenant's idempotency key: what the first request with it created (its message and recipient count, or
 * a batch's whole answer), or that a request holding it still runs; with the digest of that request, so a retry gets
 * the same answer and another request with the key is told apart.
 *
 * @param messageId empty while the request that claimed the key runs, and for a batch
 * @param batchAnswer a batch's answer, as it was given; empty while the batch runs, and for a single message
 */
public record IdempotentAnswer(
        String requestSha256, Optional<Long> messageId, int recipients, Optional<String> batchAnswer) {

    /** What claiming a key found. */
    public sealed interface Claim {}

    /**
     * The key is this request's now: go on, and name the messages in their commits, then keep the answer or release
     * the key.
     *
     * @param committed for a batch whose earlier run a crash stopped: the message ids its committed recipients got, by
     *     their index in the batch; those are not sent again
     */
    public record Claimed(Map<Integer, Long> committed) implements Claim {

        public Claimed {
            committed = Map.copyOf(committed);
        }
    }

    /** The key was used before (or is held by a request that runs now). */
    public record Used(IdempotentAnswer answer) implements Claim {}

    /**
     * A claim older than this with no message was left by a crash (the intake's commit waits 60 s at most, and a running
     * batch renews its claim every {@code RENEWED_EVERY}): a retry takes it over.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(3);

    /** How often a running batch renews its claim: well inside {@link #ABANDONED_AFTER}. */
    public static final Duration RENEWED_EVERY = Duration.ofSeconds(30);

    /** The answer remembered for the tenant's key, if any. */
    static Optional<IdempotentAnswer> find(EntityManager em, TenantId tenant, String key) {
        List<?> rows = em.createNativeQuery("SELECT request_sha256, message_id, recipients, batch_answer"
                        + " FROM outpost_idempotency WHERE tenant_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, key)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new IdempotentAnswer(
                        (String) row[0],
                        Optional.ofNullable((Number) row[1]).map(Number::longValue),
                        row[2] == null ? 0 : ((Number) row[2]).intValue(),
                        Optional.ofNullable(row[3]).map(IdempotentAnswer::text)))
                .findFirst();
    }

    // H2 hands a CHARACTER LARGE OBJECT over as a Clob, PostgreSQL a TEXT as a String.
    private static String text(Object column) {
        if (column instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new IllegalStateException("a batch's kept answer could not be read", e);
            }
        }
        return (String) column;
    }

    /**
     * Claims the key for a request, in the caller's transaction: inserts it, or takes over a claim a crash left, or says
     * what holds it. Two requests racing for one key meet at its primary key; the loser finds the winner's row.
     *
     * <p>A batch ({@code batchItems} recipients, 0 for a single message) gets a row per recipient, which its message's
     * commit fills in ({@link #nameBatchItems}). A crashed batch's claim is taken over only by the same request, since
     * some of its messages may exist; the retry then learns which.
     */
    static Claim claim(EntityManager em, IdempotencyKey key, int batchItems, Instant now) {
        Optional<IdempotentAnswer> existing = find(em, key.tenant(), key.key());
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO outpost_idempotency (tenant_id, idempotency_key, request_sha256,"
                            + " created_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, key.tenant().value())
                    .setParameter(2, key.key())
                    .setParameter(3, key.requestSha256())
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate();
            addBatchItems(em, key, batchItems);
            return new Claimed(Map.of());
        }
        int takenOver = em.createNativeQuery("UPDATE outpost_idempotency SET request_sha256 = ?1, created_at = ?2"
                        + " WHERE tenant_id = ?3 AND idempotency_key = ?4 AND message_id IS NULL"
                        + " AND batch_answer IS NULL AND created_at < ?5 AND (request_sha256 = ?1 OR NOT EXISTS"
                        + " (SELECT 1 FROM outpost_idempotency_item i WHERE i.tenant_id = ?3"
                        + " AND i.idempotency_key = ?4 AND i.message_id IS NOT NULL))")
                .setParameter(1, key.requestSha256())
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, key.tenant().value())
                .setParameter(4, key.key())
                .setParameter(5, Timestamp.from(now.minus(ABANDONED_AFTER)))
                .executeUpdate();
        if (takenOver == 0) {
            return new Used(existing.get());
        }
        Map<Integer, Long> committed = committedItems(em, key);
        if (committed.isEmpty()) {
            em.createNativeQuery("DELETE FROM outpost_idempotency_item WHERE tenant_id = ?1 AND idempotency_key = ?2")
                    .setParameter(1, key.tenant().value())
                    .setParameter(2, key.key())
                    .executeUpdate();
            addBatchItems(em, key, batchItems);
        }
        return new Claimed(committed);
    }

    private static void addBatchItems(EntityManager em, IdempotencyKey key, int count) {
        if (count == 0) {
            return;
        }
        // One statement for the whole batch: the numbers 0 … count-1 from a recursive query both databases know.
        em.createNativeQuery("INSERT INTO outpost_idempotency_item (tenant_id, idempotency_key, item_index)"
                        + " WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?3)"
                        + " SELECT ?1, ?2, i FROM n")
                .setParameter(1, key.tenant().value())
                .setParameter(2, key.key())
                .setParameter(3, count)
                .executeUpdate();
    }

    // The batch recipients whose messages a crashed run committed, by index.
    private static Map<Integer, Long> committedItems(EntityManager em, IdempotencyKey key) {
        List<?> rows = em.createNativeQuery("SELECT item_index, message_id FROM outpost_idempotency_item"
                        + " WHERE tenant_id = ?1 AND idempotency_key = ?2 AND message_id IS NOT NULL")
                .setParameter(1, key.tenant().value())
                .setParameter(2, key.key())
                .getResultList();
        Map<Integer, Long> committed = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            committed.put(((Number) columns[0]).intValue(), ((Number) columns[1]).longValue());
        }
        return committed;
    }

    /**
     * In the messages' own commit: the key names each batch recipient's message. An UPDATE of the rows the claim
     * made, never an INSERT, so nothing here can conflict and fail the other messages of the group commit.
     */
    static void nameBatchItems(Connection connection, List<BatchItem> items, List<Long> messageIds)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_idempotency_item SET message_id = ?"
                + " WHERE tenant_id = ? AND idempotency_key = ? AND item_index = ?")) {
            for (int i = 0; i < items.size(); i++) {
                update.setLong(1, messageIds.get(i));
                update.setString(2, items.get(i).batch().tenant().value());
                update.setString(3, items.get(i).batch().key());
                update.setInt(4, items.get(i).index());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Keeps a batch's answer with its key once the batch has run: a retry gets it again. */
    static void keepBatchAnswer(EntityManager em, IdempotencyKey key, String answer) {
        em.createNativeQuery("UPDATE outpost_idempotency SET batch_answer = ?1"
                        + " WHERE tenant_id = ?2 AND idempotency_key = ?3 AND request_sha256 = ?4")
                .setParameter(1, answer)
                .setParameter(2, key.tenant().value())
                .setParameter(3, key.key())
                .setParameter(4, key.requestSha256())
                .executeUpdate();
    }

    /**
     * Marks a running request's claim as alive, so that a retry does not take it over as abandoned while the request
     * still commits messages: a batch of 1,000 may take longer than {@link #ABANDONED_AFTER}.
     */
    static void renew(EntityManager em, IdempotencyKey key, Instant now) {
        em.createNativeQuery("UPDATE outpost_idempotency SET created_at = ?1 WHERE tenant_id = ?2"
                        + " AND idempotency_key = ?3 AND request_sha256 = ?4 AND message_id IS NULL"
                        + " AND batch_answer IS NULL")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, key.tenant().value())
                .setParameter(3, key.key())
                .setParameter(4, key.requestSha256())
                .executeUpdate();
    }

    /**
     * Lets go of a claim whose request created nothing, so a retry may run it again. A batch's item rows go with it (ON
     * DELETE CASCADE), unless one names a message: then the claim stays, for a retry to find what was sent.
     */
    static void release(EntityManager em, IdempotencyKey key) {
        em.createNativeQuery("DELETE FROM outpost_idempotency WHERE tenant_id = ?1 AND idempotency_key = ?2"
                        + " AND message_id IS NULL AND request_sha256 = ?3 AND NOT EXISTS (SELECT 1 FROM"
                        + " outpost_idempotency_item i WHERE i.tenant_id = ?1 AND i.idempotency_key = ?2"
                        + " AND i.message_id IS NOT NULL)")
                .setParameter(1, key.tenant().value())
                .setParameter(2, key.key())
                .setParameter(3, key.requestSha256())
                .executeUpdate();
    }

    /**
     * Forgets the keys remembered before {@code before}, oldest first, about {@code limit} of them (those of the last
     * instant counted go too), so one transaction stays bounded: each key with its batch's rows, at most 1,000.
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

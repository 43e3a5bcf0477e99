package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statements that act on a recipient only while a given claim still holds it: recording an outcome, renewing a
 * lease, releasing a claim. Each runs inside the caller's transaction, as a single conditional update ({@code WHERE
 * claim_token = ?}): a claim that runs at the same time either commits first, and then the old token no longer
 * matches, or waits for the row lock and then finds the row recorded or no longer due.
 */
final class ClaimFence {

    // Only a claim that still holds a recipient not yet final records its outcome; the row lock the UPDATE takes orders
    // it against a concurrent claim, which either committed first (the token no longer matches) or waits.
    private static final String RECORD_OUTCOME = "UPDATE outpost_recipient SET state = ?, attempts = attempts + 1,"
            + " last_reply = ?, next_attempt_at = ?, claimed_by = NULL, claim_token = NULL, updated_at = ?"
            + " WHERE id = ? AND claim_token = ? AND state IN ('QUEUED', 'DEFERRED')";

    private ClaimFence() {}

    /**
     * Applies each update whose claim still holds its recipient and returns those applied; the others belong to an
     * attempt whose lease ran out and was claimed again, or whose recipient is already final: they are dropped. In
     * plain JDBC on the caller's transaction: it runs on the path of every message ({@link QueueCommits}). Rows are
     * updated in id order, as every batch of outcomes locks them, so two batches never wait on each other in a cycle.
     */
    static Set<RecipientUpdate> record(Connection connection, List<RecipientUpdate> updates, Instant now)
            throws SQLException {
        if (updates.isEmpty()) {
            return Set.of();
        }
        List<RecipientUpdate> inIdOrder = updates.stream()
                .sorted(Comparator.comparingLong(RecipientUpdate::recipientId))
                .toList();
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement update = connection.prepareStatement(RECORD_OUTCOME)) {
            for (RecipientUpdate outcome : inIdOrder) {
                update.setString(1, outcome.state().name());
                update.setString(2, QueuedRecipient.replyNote(outcome.reply()));
                if (outcome.nextAttempt().isPresent()) {
                    update.setTimestamp(3, Timestamp.from(outcome.nextAttempt().orElseThrow()));
                } else {
                    update.setNull(3, Types.TIMESTAMP);
                }
                update.setTimestamp(4, at);
                update.setLong(5, outcome.recipientId());
                update.setLong(6, outcome.claimToken());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            Set<RecipientUpdate> applied = new HashSet<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    // Both supported drivers report counts; without one, a dropped outcome could not be told apart.
                    throw new SQLException("the driver gave no update count for an outcome");
                }
                if (counts[i] > 0) {
                    applied.add(inIdOrder.get(i));
                }
            }
            return applied;
        }
    }

    /** Extends the lease of the recipients these claims still hold to {@code leaseUntil}; returns how many. */
    static int renew(EntityManager em, Collection<Claim> claims, Instant leaseUntil) {
        return updateHeld(em, claims, "r.nextAttemptAt = :at", leaseUntil);
    }

    /** Gives up the recipients these claims still hold: they are due at {@code now}, for any node to claim. */
    static int release(EntityManager em, Collection<Claim> claims, Instant now) {
        return updateHeld(em, claims, "r.nextAttemptAt = :at, r.claimedBy = NULL, r.claimToken = NULL", now);
    }

    private static int updateHeld(EntityManager em, Collection<Claim> claims, String assignments, Instant at) {
        return byToken(claims).entrySet().stream()
                .mapToInt(held -> em.createQuery("UPDATE QueuedRecipient r SET " + assignments
                                + " WHERE r.id IN :ids AND r.claimToken = :token")
                        .setParameter("at", at)
                        .setParameter("ids", held.getValue())
                        .setParameter("token", held.getKey())
                        .executeUpdate())
                .sum();
    }

    private static Map<Long, List<Long>> byToken(Collection<Claim> claims) {
        return claims.stream()
                .collect(Collectors.groupingBy(
                        Claim::token, Collectors.mapping(Claim::recipientId, Collectors.toList())));
    }
}

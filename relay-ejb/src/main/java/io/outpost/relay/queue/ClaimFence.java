package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements that act on a recipient only while a given claim still holds it: recording an outcome, renewing a
 * lease, releasing a claim. Each runs inside the caller's transaction.
 *
 * <p>Outcomes are checked against the row locked with {@code FOR UPDATE}: a claim that runs at the same time either
 * commits first, and then the old token no longer matches, or waits, and then finds the row recorded and no longer
 * due. Renewal and release are single conditional updates ({@code WHERE claim_token = ?}).
 */
final class ClaimFence {

    private ClaimFence() {}

    /**
     * Applies each update whose claim still holds its recipient and returns the ids applied; the others belong to an
     * attempt whose lease ran out and was claimed again, or whose recipient is already final: they are dropped.
     */
    static Set<Long> record(EntityManager em, List<RecipientUpdate> updates, Instant now) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        Map<Long, QueuedRecipient> rows = em
                .createQuery("SELECT r FROM QueuedRecipient r WHERE r.id IN :ids ORDER BY r.id", QueuedRecipient.class)
                .setParameter(
                        "ids",
                        updates.stream().map(RecipientUpdate::recipientId).toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream()
                .collect(Collectors.toMap(QueuedRecipient::id, Function.identity()));
        Set<Long> applied = new HashSet<>();
        for (RecipientUpdate update : updates) {
            QueuedRecipient row = rows.get(update.recipientId());
            if (row == null || !row.heldBy(update.claimToken())) {
                continue;
            }
            if (update.state() == RecipientState.DEFERRED) {
                row.defer(update.reply(), update.nextAttempt().orElseThrow(), now);
            } else {
                row.finish(update.state(), update.reply(), now);
            }
            applied.add(row.id());
        }
        return applied;
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

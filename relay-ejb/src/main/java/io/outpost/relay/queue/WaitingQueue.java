package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting recipients as the operator sees them: by state and by destination domain, and those of one destination.
 * Read through the index on {@code next_attempt_at} (its range holds only recipients still to deliver), so the cost
 * grows with the queue, never with the history; it is the operator's page, not a path every message takes.
 */
final class WaitingQueue {

    private static final String WAITING = "SELECT r.id, r.message_id, r.address, r.state, r.attempts,"
            + " r.next_attempt_at, r.claim_token, r.last_reply, r.updated_at, m.received_at, m.tenant_id"
            + " FROM outpost_recipient r JOIN outpost_message m ON m.id = r.message_id"
            + " WHERE r.next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00' AND r.state IN ('QUEUED', 'DEFERRED')";

    private static final String WAITING_AT = WAITING + " AND (LOWER(r.address) LIKE ?1 OR LOWER(r.address) LIKE ?2)";

    private WaitingQueue() {}

    // The waiting recipients of each destination domain, counted by the database: during an outage the queue is long,
    // and only one row per domain comes back. Held: next attempt in 9999; in an attempt: a claim whose lease runs.
    private static final String DOMAIN = "LOWER(SUBSTRING(r.address FROM POSITION('@' IN r.address) + 1))";
    private static final String BY_DESTINATION = "SELECT " + DOMAIN + ","
            + " SUM(CASE WHEN r.next_attempt_at >= ?1 THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN r.next_attempt_at < ?1 AND r.claim_token IS NOT NULL AND r.next_attempt_at > ?2 THEN 1"
            + " ELSE 0 END),"
            + " SUM(CASE WHEN r.next_attempt_at < ?1 AND (r.claim_token IS NULL OR r.next_attempt_at <= ?2) AND"
            + " r.state = 'DEFERRED' THEN 1 ELSE 0 END),"
            + " COUNT(*), MIN(m.received_at)"
            + " FROM outpost_recipient r JOIN outpost_message m ON m.id = r.message_id"
            + " WHERE r.next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00' AND r.state IN ('QUEUED', 'DEFERRED')"
            + " GROUP BY " + DOMAIN;

    /** The totals and the {@code top} destinations with the most waiting recipients. */
    static QueueOverview overview(EntityManager em, Instant now, int top) {
        Map<String, DestinationBuilder> byDomain = new HashMap<>();
        List<?> rows = em.createNativeQuery(BY_DESTINATION)
                .setParameter(1, Timestamp.from(OperatorActions.HELD_FROM))
                .setParameter(2, Timestamp.from(now))
                .getResultList();
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            // The stored spelling, normalised as an address's domain is (an internationalised one in two spellings
            // is one destination).
            String domain = EmailAddress.parse("x@" + row[0]).domain().name();
            byDomain.computeIfAbsent(domain, DestinationBuilder::new)
                    .add(count(row[1]), count(row[2]), count(row[3]), count(row[4]), ((Timestamp) row[5]).toInstant());
        }
        long[] totals = new long[4];
        byDomain.values().forEach(destination -> {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += destination.counts[i];
            }
        });
        List<QueueOverview.Destination> destinations = byDomain.values().stream()
                .sorted(Comparator.comparingLong(DestinationBuilder::waiting)
                        .reversed()
                        .thenComparing(destination -> destination.domain))
                .limit(top)
                .map(destination -> destination.build(lastFailure(em, Domain.of(destination.domain))))
                .toList();
        return new QueueOverview(totals[0], totals[1], totals[2], totals[3], byDomain.size(), destinations);
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    // The latest failure a waiting recipient at this destination got: one row, for the few destinations listed.
    private static Optional<String> lastFailure(EntityManager em, Domain domain) {
        List<?> replies = em.createNativeQuery(WAITING_AT + " AND r.last_reply IS NOT NULL ORDER BY r.updated_at DESC")
                .setParameter(1, "%@" + domain.name())
                .setParameter(2, "%@" + domain.ascii())
                .setMaxResults(1)
                .getResultList();
        return replies.stream().map(row -> (String) ((Object[]) row)[7]).findFirst();
    }

    /** The waiting recipients at {@code domain}, oldest message first, at most {@code limit}. */
    static List<WaitingRecipient> at(EntityManager em, Domain domain, Instant now, int limit) {
        Query query = em.createNativeQuery(WAITING_AT + " ORDER BY m.received_at, r.id")
                .setParameter(1, "%@" + domain.name())
                .setParameter(2, "%@" + domain.ascii())
                .setMaxResults(limit);
        return read(query, now, Optional.of(domain));
    }

    private static List<WaitingRecipient> read(Query query, Instant now, Optional<Domain> only) {
        List<WaitingRecipient> waiting = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            EmailAddress address = EmailAddress.parse((String) row[2]);
            if (only.isPresent() && !address.domain().ascii().equals(only.get().ascii())) {
                continue;
            }
            Instant next = ((Timestamp) row[5]).toInstant();
            waiting.add(new WaitingRecipient(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    Optional.ofNullable((String) row[10]).map(TenantId::of),
                    address,
                    RecipientState.valueOf((String) row[3]),
                    ((Number) row[4]).intValue(),
                    next,
                    row[6] != null && next.isAfter(now),
                    Optional.ofNullable((String) row[7]),
                    ((Timestamp) row[8]).toInstant(),
                    ((Timestamp) row[9]).toInstant()));
        }
        return waiting;
    }

    private static final class DestinationBuilder {
        private final String domain;
        // Queued, deferred, held, in an attempt: the order of WaitingRecipient.Standing.
        private final long[] counts = new long[4];
        private Instant oldest;

        DestinationBuilder(String domain) {
            this.domain = domain;
        }

        void add(long held, long inAttempt, long deferred, long all, Instant oldestReceived) {
            counts[WaitingRecipient.Standing.QUEUED.ordinal()] += all - held - inAttempt - deferred;
            counts[WaitingRecipient.Standing.DEFERRED.ordinal()] += deferred;
            counts[WaitingRecipient.Standing.HELD.ordinal()] += held;
            counts[WaitingRecipient.Standing.IN_ATTEMPT.ordinal()] += inAttempt;
            if (oldest == null || oldestReceived.isBefore(oldest)) {
                oldest = oldestReceived;
            }
        }

        long waiting() {
            long sum = 0;
            for (long count : counts) {
                sum += count;
            }
            return sum;
        }

        QueueOverview.Destination build(Optional<String> lastReply) {
            return new QueueOverview.Destination(domain, counts[0], counts[1], counts[2], counts[3], oldest, lastReply);
        }
    }
}

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

    private WaitingQueue() {}

    /** The totals and the {@code top} destinations with the most waiting recipients. */
    static QueueOverview overview(EntityManager em, Instant now, int top) {
        Map<String, DestinationBuilder> byDomain = new HashMap<>();
        long[] totals = new long[4];
        for (WaitingRecipient one : read(em.createNativeQuery(WAITING), now, Optional.empty())) {
            totals[one.standing().ordinal()]++;
            byDomain.computeIfAbsent(one.address().domain().name(), DestinationBuilder::new)
                    .add(one);
        }
        List<QueueOverview.Destination> destinations = byDomain.values().stream()
                .map(DestinationBuilder::build)
                .sorted(Comparator.comparingLong(QueueOverview.Destination::waiting)
                        .reversed()
                        .thenComparing(QueueOverview.Destination::domain))
                .limit(top)
                .toList();
        return new QueueOverview(totals[0], totals[1], totals[2], totals[3], byDomain.size(), destinations);
    }

    /** The waiting recipients at {@code domain}, oldest message first, at most {@code limit}. */
    static List<WaitingRecipient> at(EntityManager em, Domain domain, Instant now, int limit) {
        Query query = em.createNativeQuery(WAITING + " AND (LOWER(r.address) LIKE ?1 OR LOWER(r.address) LIKE ?2)")
                .setParameter(1, "%@" + domain.name())
                .setParameter(2, "%@" + domain.ascii());
        return read(query, now, Optional.of(domain)).stream()
                .sorted(Comparator.comparing(WaitingRecipient::receivedAt).thenComparing(WaitingRecipient::recipientId))
                .limit(limit)
                .toList();
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
        private final long[] counts = new long[4];
        private Instant oldest;
        private WaitingRecipient lastFailed;

        DestinationBuilder(String domain) {
            this.domain = domain;
        }

        void add(WaitingRecipient one) {
            counts[one.standing().ordinal()]++;
            if (oldest == null || one.receivedAt().isBefore(oldest)) {
                oldest = one.receivedAt();
            }
            if (one.lastReply().isPresent()
                    && (lastFailed == null || one.updatedAt().isAfter(lastFailed.updatedAt()))) {
                lastFailed = one;
            }
        }

        QueueOverview.Destination build() {
            return new QueueOverview.Destination(
                    domain,
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3],
                    oldest,
                    Optional.ofNullable(lastFailed).flatMap(WaitingRecipient::lastReply));
        }
    }
}

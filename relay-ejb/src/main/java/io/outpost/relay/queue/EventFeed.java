package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a tenant's event stream: its messages' events in the order they were published ({@code feed_position},
 * V10__event_feed.sql), after a position the reader got from the page before. Positions become visible in their order,
 * so a reader that resumes after the last position it saw misses nothing and sees nothing twice.
 */
final class EventFeed {

    private EventFeed() {}

    /** Up to {@code limit} events of {@code tenant} published after {@code after}, along the (tenant, position) index. */
    static EventPage read(EntityManager em, TenantId tenant, long after, int limit) {
        // The message's labels by its primary key, one look-up per event read, none on the path of a message.
        List<?> rows = em.createNativeQuery("SELECT e.feed_position, e.id, e.message_id, r.address, e.occurred_at,"
                        + " e.kind, e.detail, m.labels, e.target FROM outpost_event e LEFT JOIN outpost_recipient r"
                        + " ON r.id = e.recipient_id LEFT JOIN outpost_message m ON m.id = e.message_id"
                        + " WHERE e.tenant_id = ?1 AND e.feed_position > ?2 ORDER BY e.feed_position"
                        + " FETCH FIRST ?3 ROWS ONLY")
                .setParameter(1, tenant.value())
                .setParameter(2, after)
                .setParameter(3, limit)
                .getResultList();
        List<EventPage.Event> events = rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new EventPage.Event(
                        ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(),
                        row[2] == null ? OptionalLong.empty() : OptionalLong.of(((Number) row[2]).longValue()),
                        Optional.ofNullable((String) row[3]),
                        Optional.ofNullable((String) row[8]),
                        ((Timestamp) row[4]).toInstant(),
                        EventKind.valueOf((String) row[5]),
                        (String) row[6],
                        Optional.ofNullable((String) row[7])))
                .toList();
        return new EventPage(
                events, events.isEmpty() ? after : events.get(events.size() - 1).position());
    }
}

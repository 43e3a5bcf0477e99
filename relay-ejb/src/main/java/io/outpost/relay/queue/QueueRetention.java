package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the queue keeps, and for how long: a message's content until {@code content} after its last recipient became
 * final (delivered, bounced, expired), then its rows until {@code records} after that. Each call handles one bounded
 * batch of messages, oldest first, found through the index {@code outpost_message_retention} (V4 migration), so a sweep
 * costs the same with millions of rows.
 *
 * @param content how long content stays after the message is done
 * @param records how long the message and recipient rows stay after the content is purged
 * @param batch messages per transaction
 */
public record QueueRetention(Duration content, Duration records, int batch) {

    /** Messages still holding content, received before {@code ?1}, oldest first, at most {@code ?2}. */
    // A message received before the cut-off may still be live or have finished after it: the NOT EXISTS (through the
    // recipients' message index) keeps those. H2 sorts NULL first in the index, so IS NULL is the start of its range.
    static final String DONE_BEFORE = "SELECT m.id FROM outpost_message m"
            + " WHERE m.content_purged_at IS NULL AND m.received_at < ?1"
            + " AND NOT EXISTS (SELECT 1 FROM outpost_recipient r WHERE r.message_id = m.id"
            + " AND (r.next_attempt_at IS NOT NULL OR r.updated_at >= ?1))"
            + " ORDER BY m.content_purged_at, m.received_at FETCH FIRST ?2 ROWS ONLY";

    /** Messages whose content was purged before {@code ?1}, oldest purge first, at most {@code ?2}. */
    // The lower bound keeps H2's index scan from starting at the (NULL) rows that still hold content.
    static final String PURGED_BEFORE = "SELECT m.id FROM outpost_message m"
            + " WHERE m.content_purged_at >= TIMESTAMP '1970-01-01 00:00:00' AND m.content_purged_at < ?1"
            + " ORDER BY m.content_purged_at, m.received_at FETCH FIRST ?2 ROWS ONLY";

    public QueueRetention {
        if (content.isNegative() || records.isNegative() || batch < 1) {
            throw new IllegalArgumentException("retention needs durations >= 0 and a batch >= 1");
        }
    }

    /**
     * Empties the content of up to {@link #batch} messages that have been done for longer than {@link #content}.
     *
     * @return how many messages were purged; fewer than the batch means none are left
     */
    public int purgeContent(EntityManager em, Instant now) {
        List<Long> ids = ids(em, DONE_BEFORE, now.minus(content));
        if (!ids.isEmpty()) {
            Query purge = em.createNativeQuery("UPDATE outpost_message SET content = ?1, content_purged_at = ?2"
                            + " WHERE id IN (" + placeholders(3, ids.size()) + ")")
                    .setParameter(1, new byte[0])
                    .setParameter(2, Timestamp.from(now));
            bind(purge, 3, ids).executeUpdate();
        }
        return ids.size();
    }

    /**
     * Deletes up to {@link #batch} messages, with their recipients and their story ({@code outpost_event}), whose
     * content was purged longer than {@link #records} ago.
     *
     * @return how many messages were deleted; fewer than the batch means none are left
     */
    public int deleteRecords(EntityManager em, Instant now) {
        List<Long> ids = ids(em, PURGED_BEFORE, now.minus(records));
        if (!ids.isEmpty()) {
            String in = " IN (" + placeholders(1, ids.size()) + ")";
            bind(em.createNativeQuery("DELETE FROM outpost_event WHERE message_id" + in), 1, ids)
                    .executeUpdate();
            bind(em.createNativeQuery("DELETE FROM outpost_message_lookup WHERE message_id" + in), 1, ids)
                    .executeUpdate();
            bind(em.createNativeQuery("DELETE FROM outpost_recipient WHERE message_id" + in), 1, ids)
                    .executeUpdate();
            bind(em.createNativeQuery("DELETE FROM outpost_message WHERE id" + in), 1, ids)
                    .executeUpdate();
        }
        return ids.size();
    }

    /**
     * Deletes up to {@link #batch} events of tenants' lists that no message caused ({@link ListEvent}), older than a
     * message's story is kept: {@link #content} and {@link #records} together.
     *
     * @return how many were deleted; fewer than the batch means none are left
     */
    public int deleteListEvents(EntityManager em, Instant now) {
        // Along the index outpost_event_message, whose first column is NULL for these.
        return em.createNativeQuery("DELETE FROM outpost_event WHERE id IN (SELECT id FROM outpost_event"
                        + " WHERE message_id IS NULL AND occurred_at < ?1 FETCH FIRST ?2 ROWS ONLY)")
                .setParameter(1, Timestamp.from(now.minus(content).minus(records)))
                .setParameter(2, batch)
                .executeUpdate();
    }

    private List<Long> ids(EntityManager em, String select, Instant before) {
        List<?> rows = em.createNativeQuery(select)
                .setParameter(1, Timestamp.from(before))
                .setParameter(2, batch)
                .getResultList();
        return rows.stream().map(id -> ((Number) id).longValue()).toList();
    }

    private static String placeholders(int first, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "?" : ", ?").append(first + i);
        }
        return text.toString();
    }

    private static Query bind(Query query, int first, List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(first + i, ids.get(i));
        }
        return query;
    }
}

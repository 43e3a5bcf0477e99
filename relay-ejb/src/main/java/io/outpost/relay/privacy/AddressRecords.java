package io.outpost.relay.privacy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.suppression.SuppressionTarget;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The queue's records of one address among one tenant's messages: its recipient rows, their messages and events, read
 * for an export and deleted for an erasure. There is no index on a recipient's address (every message would pay to
 * write one), so each call reads the tenant's recipients whole: rare requests, seconds for millions of rows.
 */
final class AddressRecords {

    /** Most messages an export lists; the rest are counted. */
    static final int MAX_EXPORTED = 10_000;

    private static final int CHUNK = 500;
    private static final List<String> WAITING = List.of("QUEUED", "DEFERRED");

    private final EntityManager em;
    private final TenantId tenant;
    private final List<String> spellings;

    AddressRecords(EntityManager em, TenantId tenant, EmailAddress address) {
        this.em = em;
        this.tenant = tenant;
        // As the queue wrote it (its own case), and as a list folds it: an address is found however it was given.
        this.spellings = List.copyOf(new LinkedHashSet<>(List.of(
                address.toString().toLowerCase(Locale.ROOT),
                SuppressionTarget.address(address).value())));
    }

    /** A recipient row of the address. */
    record Row(long recipientId, long messageId, String state) {}

    /** The address's recipient rows among the tenant's messages, newest message first. */
    List<Row> rows() {
        List<?> found = em.createNativeQuery("SELECT r.id, r.message_id, r.state FROM outpost_recipient r JOIN"
                        + " outpost_message m ON m.id = r.message_id WHERE m.tenant_id = ?1 AND LOWER(r.address) IN"
                        + " (?2, ?3) ORDER BY r.message_id DESC")
                .setParameter(1, tenant.value())
                .setParameter(2, spellings.get(0))
                .setParameter(3, spellings.get(spellings.size() - 1))
                .getResultList();
        return found.stream()
                .map(row -> (Object[]) row)
                .map(row -> new Row(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2]))
                .toList();
    }

    /** How many of {@code rows} still wait to be sent. */
    static int waiting(List<Row> rows) {
        return (int) rows.stream().filter(row -> WAITING.contains(row.state())).count();
    }

    /** The address's messages as the export shows them: envelope, state, and every event about it. */
    JsonArrayBuilder export(List<Row> rows) {
        JsonArrayBuilder messages = CachedJson.createArrayBuilder();
        for (Row row : rows.subList(0, Math.min(rows.size(), MAX_EXPORTED))) {
            Object[] message = (Object[]) em.createNativeQuery("SELECT m.received_at, m.envelope_sender, m.stream,"
                            + " m.topic, r.last_reply, r.updated_at, (SELECT COUNT(*) FROM outpost_recipient o WHERE"
                            + " o.message_id = m.id) FROM outpost_message m JOIN outpost_recipient r ON r.message_id"
                            + " = m.id WHERE r.id = ?1")
                    .setParameter(1, row.recipientId())
                    .getSingleResult();
            JsonObjectBuilder json = CachedJson.createObjectBuilder()
                    .add("messageId", Long.toString(row.messageId()))
                    .add("receivedAt", instant(message[0]).toString())
                    .add("from", (String) message[1])
                    .add("state", row.state())
                    .add("updatedAt", instant(message[5]).toString());
            if (message[2] != null) {
                json.add("stream", ((String) message[2]).toLowerCase(Locale.ROOT));
            }
            if (message[3] != null) {
                json.add("topic", (String) message[3]);
            }
            if (message[4] != null) {
                json.add("lastReply", (String) message[4]);
            }
            boolean onlyRecipient = ((Number) message[6]).longValue() == 1;
            messages.add(json.add("events", events(row, onlyRecipient)));
        }
        return messages;
    }

    // The recipient's events, and the message's own (its opens and clicks) when it went to no one else.
    private JsonArrayBuilder events(Row row, boolean onlyRecipient) {
        // Along the index outpost_event_message: a recipient's events carry its message's id.
        Query query = em.createNativeQuery("SELECT occurred_at, kind, detail FROM outpost_event WHERE message_id = ?2"
                        + " AND (recipient_id = ?1" + (onlyRecipient ? " OR recipient_id IS NULL" : "") + ")"
                        + " ORDER BY occurred_at, id")
                .setParameter(1, row.recipientId())
                .setParameter(2, row.messageId());
        JsonArrayBuilder events = CachedJson.createArrayBuilder();
        for (Object found : query.getResultList()) {
            Object[] event = (Object[]) found;
            events.add(CachedJson.createObjectBuilder()
                    .add("at", instant(event[0]).toString())
                    .add("kind", (String) event[1])
                    .add("detail", (String) event[2]));
        }
        return events;
    }

    /**
     * Deletes {@code rows} with their events, each message left with no recipient whole, and the content of each left
     * with others that are all done (its header names the address too). Returns how many messages went whole.
     */
    int delete(List<Row> rows) {
        List<Long> recipients = rows.stream().map(Row::recipientId).toList();
        Set<Long> messages = new LinkedHashSet<>();
        rows.forEach(row -> messages.add(row.messageId()));
        // Along the index outpost_event_message, one message at a time: recipient_id has no index of its own.
        for (Row row : rows) {
            em.createNativeQuery("DELETE FROM outpost_event WHERE message_id = ?1 AND recipient_id = ?2")
                    .setParameter(1, row.messageId())
                    .setParameter(2, row.recipientId())
                    .executeUpdate();
        }
        inChunks("DELETE FROM outpost_recipient WHERE id IN ", recipients);
        List<Long> emptied = new ArrayList<>();
        List<Long> shared = new ArrayList<>();
        for (long message : messages) {
            Object[] left = (Object[]) em.createNativeQuery("SELECT COUNT(*), SUM(CASE WHEN state IN ('QUEUED',"
                            + " 'DEFERRED') THEN 1 ELSE 0 END) FROM outpost_recipient WHERE message_id = ?1")
                    .setParameter(1, message)
                    .getSingleResult();
            if (((Number) left[0]).longValue() == 0) {
                emptied.add(message);
            } else if (((Number) left[1]).longValue() == 0) {
                shared.add(message);
            }
        }
        inChunks("DELETE FROM outpost_event WHERE message_id IN ", emptied);
        inChunks("DELETE FROM outpost_message_lookup WHERE message_id IN ", emptied);
        inChunks("DELETE FROM outpost_message WHERE id IN ", emptied);
        for (int from = 0; from < shared.size(); from += CHUNK) {
            List<Long> chunk = shared.subList(from, Math.min(shared.size(), from + CHUNK));
            Query purge = em.createNativeQuery("UPDATE outpost_message SET content = ?1, content_purged_at = ?2"
                            + " WHERE content_purged_at IS NULL AND id IN " + placeholders(3, chunk.size()))
                    .setParameter(1, new byte[0])
                    .setParameter(2, Timestamp.from(Instant.now()));
            bind(purge, 3, chunk).executeUpdate();
        }
        return emptied.size();
    }

    /** Deletes the tenant's list events about the address (their target names it). */
    int deleteListEvents() {
        return em.createNativeQuery("DELETE FROM outpost_event WHERE tenant_id = ?1 AND target IN (?2, ?3)")
                .setParameter(1, tenant.value())
                .setParameter(2, spellings.get(0))
                .setParameter(3, spellings.get(spellings.size() - 1))
                .executeUpdate();
    }

    /** Deletes the address's soft-bounce count ({@code outpost_soft_bounce}). */
    int deleteSoftBounces() {
        return em.createNativeQuery("DELETE FROM outpost_soft_bounce WHERE tenant_id = ?1 AND target IN (?2, ?3)")
                .setParameter(1, tenant.value())
                .setParameter(2, spellings.get(0))
                .setParameter(3, spellings.get(spellings.size() - 1))
                .executeUpdate();
    }

    private void inChunks(String delete, List<Long> ids) {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            bind(em.createNativeQuery(delete + placeholders(1, chunk.size())), 1, chunk)
                    .executeUpdate();
        }
    }

    private static String placeholders(int first, int count) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "?" : ", ?").append(first + i);
        }
        return text.append(')').toString();
    }

    private static Query bind(Query query, int first, List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(first + i, ids.get(i));
        }
        return query;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}

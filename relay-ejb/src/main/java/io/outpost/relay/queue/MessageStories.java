package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a message's story: the message row (which tells its arrival and commit, {@link EventKind}), its recipients,
 * and its event rows in time order ({@code outpost_event_message} index; ids alone would not do, as each node takes
 * them in blocks of its own).
 */
final class MessageStories {

    private MessageStories() {}

    /**
     * The message's story, if it exists and, when {@code scope} is given, belongs to that tenant: the scope is part of
     * the query, so a message of another tenant costs the same as one that does not exist.
     */
    static Optional<MessageStory> find(EntityManager em, long messageId, Optional<TenantId> scope) {
        var query = em.createNativeQuery("SELECT envelope_sender, received_at, client_address, size_octets,"
                        + " authentication, tenant_id FROM outpost_message WHERE id = ?1"
                        + (scope.isPresent() ? " AND tenant_id = ?2" : ""))
                .setParameter(1, messageId);
        scope.ifPresent(tenant -> query.setParameter(2, tenant.value()));
        List<?> messages = query.getResultList();
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        Object[] message = (Object[]) messages.get(0);
        List<MessageStory.Recipient> recipients = recipients(em, messageId);
        Instant received = instant(message[1]);
        String client = message[2] == null ? "" : (String) message[2];
        String sender = ((String) message[0]).isEmpty() ? "<>" : "<" + message[0] + ">";
        long size = ((Number) message[3]).longValue();
        String authentication = message[4] == null ? "" : (String) message[4];
        List<MessageStory.Event> events = new ArrayList<>();
        events.add(new MessageStory.Event(
                received,
                EventKind.RECEIVED,
                Optional.empty(),
                "from " + (client.isEmpty() ? "this server" : client) + ", " + size + " octets, sender " + sender
                        + (authentication.isEmpty() ? "" : "; " + authentication)));
        events.add(new MessageStory.Event(
                received, EventKind.QUEUED, Optional.empty(), recipients.size() + " recipient(s)"));
        events.addAll(events(em, messageId));
        return Optional.of(new MessageStory(
                messageId,
                Optional.ofNullable((String) message[5]).map(TenantId::of),
                sender,
                received,
                client,
                size,
                authentication,
                recipients,
                events));
    }

    private static List<MessageStory.Recipient> recipients(EntityManager em, long messageId) {
        List<?> rows = em.createNativeQuery("SELECT id, address, state, attempts, next_attempt_at, last_reply"
                        + " FROM outpost_recipient WHERE message_id = ?1 ORDER BY id")
                .setParameter(1, messageId)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new MessageStory.Recipient(
                        ((Number) row[0]).longValue(),
                        (String) row[1],
                        RecipientState.valueOf((String) row[2]),
                        ((Number) row[3]).intValue(),
                        Optional.ofNullable(row[4]).map(MessageStories::instant),
                        Optional.ofNullable((String) row[5])))
                .toList();
    }

    private static List<MessageStory.Event> events(EntityManager em, long messageId) {
        List<?> rows = em.createNativeQuery("SELECT occurred_at, kind, recipient_id, detail FROM outpost_event"
                        + " WHERE message_id = ?1 ORDER BY occurred_at, id")
                .setParameter(1, messageId)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new MessageStory.Event(
                        instant(row[0]),
                        EventKind.valueOf((String) row[1]),
                        Optional.ofNullable(row[2]).map(id -> ((Number) id).longValue()),
                        (String) row[3]))
                .toList();
    }

    // Both drivers hand a TIMESTAMP back as the Timestamp it was written as (InstantConverter, Timestamp.from).
    private static Instant instant(Object value) {
        return ((Timestamp) value).toInstant();
    }
}

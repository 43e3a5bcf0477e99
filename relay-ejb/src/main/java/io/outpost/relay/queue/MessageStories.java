package io.outpost.relay.queue;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                        + " authentication, tenant_id, header_message_id, submitted_by, tls, labels, stream, send_at"
                        + " FROM outpost_message"
                        + " WHERE id = ?1"
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
        String by = message[7] == null ? "" : " by " + message[7];
        String tls = message[8] == null ? "" : " over " + message[8];
        events.add(new MessageStory.Event(
                received,
                EventKind.RECEIVED,
                Optional.empty(),
                "from " + (client.isEmpty() ? "this server" : client) + by + tls + ", " + size + " octets, sender "
                        + sender + (authentication.isEmpty() ? "" : "; " + authentication)));
        // Refusals came before the queue: a refused message's, or those of recipients refused at RCPT.
        List<MessageStory.Event> recorded = events(em, messageId);
        recorded.stream().filter(event -> event.kind() == EventKind.REFUSED).forEach(events::add);
        Optional<Instant> sendAt = Optional.ofNullable(message[11]).map(MessageStories::instant);
        if (recipients.stream().anyMatch(recipient -> recipient.state() != RecipientState.REFUSED)) {
            String scheduled = sendAt.map(at -> ", to be sent at " + at).orElse("");
            events.add(new MessageStory.Event(
                    received, EventKind.QUEUED, Optional.empty(), recipients.size() + " recipient(s)" + scheduled));
        }
        recorded.stream().filter(event -> event.kind() != EventKind.REFUSED).forEach(events::add);
        return Optional.of(new MessageStory(
                messageId,
                Optional.ofNullable((String) message[5]).map(TenantId::of),
                sender,
                received,
                client,
                size,
                authentication,
                Optional.ofNullable((String) message[6]),
                recipients,
                events,
                Optional.ofNullable((String) message[9]),
                Optional.ofNullable((String) message[10]).flatMap(MessageStream::named),
                sendAt));
    }

    /**
     * One page of the messages {@code query} asks for, newest first. Each filter narrows a walk along the index of the
     * tenant's messages by time or of Message-IDs ({@code outpost_message_lookup}, filled just after each commit); the recipient, state
     * and tag filters are checked per message on the way, so a rare recipient over a long period is best sought with a time range.
     */
    static MessagePage list(EntityManager em, MessageQuery query) {
        StringBuilder sql = new StringBuilder("SELECT l.message_id, l.tenant_id, m.envelope_sender, l.received_at,"
                + " l.header_message_id FROM outpost_message_lookup l JOIN outpost_message m ON m.id = l.message_id"
                + " WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.tenant().ifPresent(tenant -> where(sql, parameters, " AND l.tenant_id = ?", tenant.value()));
        query.from().ifPresent(from -> where(sql, parameters, " AND l.received_at >= ?", Timestamp.from(from)));
        query.until().ifPresent(until -> where(sql, parameters, " AND l.received_at < ?", Timestamp.from(until)));
        query.sender().ifPresent(sender -> where(sql, parameters, " AND m.envelope_sender = ?", sender));
        query.headerMessageId().ifPresent(id -> where(sql, parameters, " AND l.header_message_id = ?", id));
        query.recipient()
                .ifPresent(address -> where(
                        sql,
                        parameters,
                        " AND EXISTS (SELECT 1 FROM outpost_recipient r WHERE r.message_id = l.message_id AND r.address = ?)",
                        address));
        query.state()
                .ifPresent(state -> where(
                        sql,
                        parameters,
                        " AND EXISTS (SELECT 1 FROM outpost_recipient r WHERE r.message_id = l.message_id AND r.state = ?)",
                        state.name()));
        query.tag().ifPresent(tag -> {
            List<String> patterns = MessageLabels.tagPatterns(tag);
            for (int i = 0; i < patterns.size(); i++) {
                where(sql, parameters, (i == 0 ? " AND (" : " OR ") + "m.labels LIKE ? ESCAPE '!'", patterns.get(i));
            }
            sql.append(")");
        });
        query.after().ifPresent(after -> {
            Timestamp at = Timestamp.from(after.receivedAt());
            where(sql, parameters, " AND (l.received_at < ?", at);
            where(sql, parameters, " OR (l.received_at = ?", at);
            where(sql, parameters, " AND l.message_id < ?))", after.id());
        });
        // One more than the page: whether a next page exists, without a count.
        where(
                sql,
                parameters,
                " ORDER BY l.received_at DESC, l.message_id DESC FETCH FIRST ? ROWS ONLY",
                query.limit() + 1);
        var select = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            select.setParameter(i + 1, parameters.get(i));
        }
        List<Object[]> rows =
                select.getResultList().stream().map(row -> (Object[]) row).toList();
        List<Object[]> page = rows.subList(0, Math.min(rows.size(), query.limit()));
        Map<Long, List<MessageStory.Recipient>> recipients = recipients(
                em, page.stream().map(row -> ((Number) row[0]).longValue()).toList());
        List<MessagePage.Summary> messages = page.stream()
                .map(row -> {
                    long id = ((Number) row[0]).longValue();
                    return new MessagePage.Summary(
                            id,
                            Optional.ofNullable((String) row[1]).map(TenantId::of),
                            ((String) row[2]).isEmpty() ? "<>" : "<" + row[2] + ">",
                            instant(row[3]),
                            Optional.ofNullable((String) row[4]),
                            recipients.getOrDefault(id, List.of()));
                })
                .toList();
        Optional<MessageCursor> next = rows.size() > query.limit()
                ? Optional.of(messages.get(messages.size() - 1))
                        .map(last -> new MessageCursor(last.receivedAt(), last.id()))
                : Optional.empty();
        return new MessagePage(messages, next);
    }

    // Positional parameters, numbered as they are appended: ?1, ?2, …
    private static void where(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        parameters.add(value);
        sql.append(clause.replace("?", "?" + parameters.size()));
    }

    private static List<MessageStory.Recipient> recipients(EntityManager em, long messageId) {
        return recipients(em, List.of(messageId)).getOrDefault(messageId, List.of());
    }

    /** The recipients of each of these messages, in the order they were given. */
    private static Map<Long, List<MessageStory.Recipient>> recipients(EntityManager em, List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < messageIds.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 1);
        }
        var select = em.createNativeQuery("SELECT message_id, id, address, state, attempts, next_attempt_at,"
                + " last_reply FROM outpost_recipient WHERE message_id IN (" + in + ") ORDER BY message_id, id");
        for (int i = 0; i < messageIds.size(); i++) {
            select.setParameter(i + 1, messageIds.get(i));
        }
        Map<Long, List<MessageStory.Recipient>> byMessage = new HashMap<>();
        for (Object row : select.getResultList()) {
            Object[] columns = (Object[]) row;
            byMessage
                    .computeIfAbsent(((Number) columns[0]).longValue(), id -> new ArrayList<>())
                    .add(new MessageStory.Recipient(
                            ((Number) columns[1]).longValue(),
                            (String) columns[2],
                            RecipientState.valueOf((String) columns[3]),
                            ((Number) columns[4]).intValue(),
                            Optional.ofNullable(columns[5]).map(MessageStories::instant),
                            Optional.ofNullable((String) columns[6])));
        }
        return byMessage;
    }

    private static List<MessageStory.Event> events(EntityManager em, long messageId) {
        // The QUEUED row exists for the event stream, written a little after the commit (EventPublisher); the message
        // row tells the story's QUEUED at once.
        List<?> rows = em.createNativeQuery("SELECT occurred_at, kind, recipient_id, detail FROM outpost_event"
                        + " WHERE message_id = ?1 AND kind <> 'QUEUED' ORDER BY occurred_at, id")
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

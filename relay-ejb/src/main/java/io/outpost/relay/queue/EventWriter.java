package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Adds events to a message's story in the transaction that makes them happen, as JDBC batches sent with {@link
 * #send()}: so a story never tells of a commit that did not happen, and recording it costs no transaction of its own.
 * Events of a recipient find their message through the recipient's row.
 */
final class EventWriter implements AutoCloseable {

    static final int MAX_DETAIL = 2000;

    // The message's tenant goes with each event, for the event stream (EventFeed): read here, by primary key, so that
    // publishing the event later only gives it its place.
    private static final String INSERT_FOR_RECIPIENT = "INSERT INTO outpost_event (id, message_id, recipient_id,"
            + " occurred_at, kind, detail, tenant_id) SELECT ?, r.message_id, r.id, ?, ?, ?, m.tenant_id FROM"
            + " outpost_recipient r JOIN outpost_message m ON m.id = r.message_id WHERE r.id = ?";
    private static final String INSERT_FOR_MESSAGE_OF = "INSERT INTO outpost_event (id, message_id, recipient_id,"
            + " occurred_at, kind, detail, tenant_id) SELECT ?, r.message_id, NULL, ?, ?, ?, m.tenant_id FROM"
            + " outpost_recipient r JOIN outpost_message m ON m.id = r.message_id WHERE r.id = ?";

    private final Connection connection;
    private final IdBlocks ids;
    private final Timestamp at;
    private static final String INSERT_FOR_MESSAGE = "INSERT INTO outpost_event (id, message_id, recipient_id,"
            + " occurred_at, kind, detail, tenant_id) VALUES (?, ?, NULL, ?, ?, ?, ?)";

    private static final String INSERT_OF_LISTS = "INSERT INTO outpost_event (id, message_id, recipient_id,"
            + " occurred_at, kind, detail, tenant_id, target) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)";

    private PreparedStatement ofLists;
    private PreparedStatement ofRecipients;
    private PreparedStatement ofMessagesOfRecipients;
    private PreparedStatement ofMessages;
    private final List<Long> written = new ArrayList<>();

    EventWriter(Connection connection, IdBlocks ids, Timestamp at) {
        this.connection = connection;
        this.ids = ids;
        this.at = at;
    }

    /** An event of one recipient, filed under its message. */
    void recipient(long recipientId, EventKind kind, String detail) throws SQLException {
        if (ofRecipients == null) {
            ofRecipients = connection.prepareStatement(INSERT_FOR_RECIPIENT);
        }
        viaRecipient(ofRecipients, recipientId, kind, detail);
    }

    /** An event of the whole message that {@code recipientId} belongs to. */
    void messageOf(long recipientId, EventKind kind, String detail) throws SQLException {
        if (ofMessagesOfRecipients == null) {
            ofMessagesOfRecipients = connection.prepareStatement(INSERT_FOR_MESSAGE_OF);
        }
        viaRecipient(ofMessagesOfRecipients, recipientId, kind, detail);
    }

    /** An event of a message written in this transaction, whose tenant the caller knows. */
    void message(long messageId, Optional<TenantId> tenant, EventKind kind, String detail) throws SQLException {
        if (ofMessages == null) {
            ofMessages = connection.prepareStatement(INSERT_FOR_MESSAGE);
        }
        long id = ids.next(connection);
        written.add(id);
        ofMessages.setLong(1, id);
        ofMessages.setLong(2, messageId);
        ofMessages.setTimestamp(3, at);
        ofMessages.setString(4, kind.name());
        ofMessages.setString(5, cut(detail));
        ofMessages.setString(6, tenant.map(TenantId::value).orElse(null));
        ofMessages.addBatch();
    }

    /** An event of a tenant's lists, filed under the message that caused it when one did. */
    void list(ListEvent event) throws SQLException {
        if (ofLists == null) {
            ofLists = connection.prepareStatement(INSERT_OF_LISTS);
        }
        long id = ids.next(connection);
        written.add(id);
        ofLists.setLong(1, id);
        if (event.cause().isPresent()) {
            ofLists.setLong(2, event.cause().getAsLong());
        } else {
            ofLists.setNull(2, Types.BIGINT);
        }
        ofLists.setTimestamp(3, at);
        ofLists.setString(4, event.kind().name());
        ofLists.setString(5, cut(event.detail()));
        ofLists.setString(6, event.tenant().value());
        ofLists.setString(7, event.target().orElse(null));
        ofLists.addBatch();
    }

    private void viaRecipient(PreparedStatement insert, long recipientId, EventKind kind, String detail)
            throws SQLException {
        long id = ids.next(connection);
        written.add(id);
        insert.setLong(1, id);
        insert.setTimestamp(2, at);
        insert.setString(3, kind.name());
        insert.setString(4, cut(detail));
        insert.setLong(5, recipientId);
        insert.addBatch();
    }

    /** Sends what was added; recipients' events need their rows to exist by now. */
    void send() throws SQLException {
        for (PreparedStatement batch : statements()) {
            batch.executeBatch();
        }
    }

    /** The ids of the events added, in order, to be published once their transaction has committed. */
    List<Long> written() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement batch : statements()) {
            try {
                batch.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<PreparedStatement> statements() {
        return Stream.of(ofRecipients, ofMessagesOfRecipients, ofMessages, ofLists)
                .filter(Objects::nonNull)
                .toList();
    }

    private static String cut(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
    }
}

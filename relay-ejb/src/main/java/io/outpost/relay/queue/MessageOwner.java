package io.outpost.relay.queue;

import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whose a queued message is, for an event that comes after it was sent (an open, a click, an unsubscribe).
 *
 * @param tenant its tenant, empty for mail that is no tenant's
 * @param topic the topic of its tenant's bulk mail it named, if any
 */
record MessageOwner(Optional<TenantId> tenant, Optional<Topic> topic) {

    /** The owner of message {@code messageId}, or empty when it is not in the queue (purged, or never there). */
    static Optional<MessageOwner> of(Connection connection, long messageId) throws SQLException {
        return find(connection, messageId, " AND content_purged_at IS NULL");
    }

    /**
     * The owner of message {@code messageId} while its row is kept (outpost.retention.records), its content purged or
     * not: an unsubscribe holds however late it comes.
     */
    static Optional<MessageOwner> ofRow(Connection connection, long messageId) throws SQLException {
        return find(connection, messageId, "");
    }

    private static Optional<MessageOwner> find(Connection connection, long messageId, String condition)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT tenant_id, topic FROM outpost_message WHERE id = ?" + condition)) {
            select.setLong(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MessageOwner(
                        Optional.ofNullable(rows.getString(1)).map(TenantId::of),
                        Optional.ofNullable(rows.getString(2)).map(Topic::new)));
            }
        }
    }
}

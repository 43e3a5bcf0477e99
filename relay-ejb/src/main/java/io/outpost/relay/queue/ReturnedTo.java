package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The recipient a return path names, as mail that came back to it is recorded against it.
 *
 * @param tenant whose message it was, empty for mail that is no tenant's
 */
record ReturnedTo(Optional<TenantId> tenant, EmailAddress address) {

    /**
     * Recipient {@code recipientId} of message {@code messageId}, if its row is kept: reports come back long after the
     * content is purged (outpost.retention.content), while the rows stay (outpost.retention.records).
     */
    static Optional<ReturnedTo> find(Connection connection, long messageId, long recipientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.address, m.tenant_id FROM"
                + " outpost_recipient r JOIN outpost_message m ON m.id = r.message_id WHERE r.id = ? AND m.id = ?")) {
            select.setLong(1, recipientId);
            select.setLong(2, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReturnedTo(
                        Optional.ofNullable(row.getString(2)).map(TenantId::of), EmailAddress.parse(row.getString(1))));
            }
        }
    }

    /** True if the recipient already has an event of {@code kind} (a report about it came back before). */
    static boolean recorded(Connection connection, long recipientId, EventKind kind) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM outpost_event WHERE recipient_id = ? AND kind = ?")) {
            select.setLong(1, recipientId);
            select.setString(2, kind.name());
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}

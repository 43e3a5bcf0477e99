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

    /** Recipient {@code recipientId} of message {@code messageId}, if it is in the queue. */
    static Optional<ReturnedTo> find(Connection connection, long messageId, long recipientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.address, m.tenant_id FROM"
                + " outpost_recipient r JOIN outpost_message m ON m.id = r.message_id WHERE r.id = ? AND m.id = ?"
                + " AND m.content_purged_at IS NULL")) {
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
}

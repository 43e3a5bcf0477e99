package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Records an event that names a message and a recipient's address, as a link handed out in the message does. */
final class RecipientEvent {

    private RecipientEvent() {}

    /**
     * Writes the event under the message's recipient of that address (as {@link EmailAddress#toString} wrote it when
     * the message was queued), or under the message when none has it. False when the message is not in the queue.
     */
    static boolean record(
            Connection connection,
            EventWriter story,
            long messageId,
            EmailAddress recipient,
            EventKind kind,
            String detail)
            throws SQLException {
        Optional<MessageOwner> owner = MessageOwner.of(connection, messageId);
        if (owner.isEmpty()) {
            return false;
        }
        Optional<TenantId> tenant = owner.get().tenant();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM outpost_recipient WHERE message_id = ? AND address = ?")) {
            select.setLong(1, messageId);
            select.setString(2, recipient.toString());
            select.setMaxRows(1);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    story.recipient(rows.getLong(1), kind, detail);
                    return true;
                }
            }
        }
        story.message(messageId, tenant, kind, detail);
        return true;
    }
}

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
     * Writes the event under the message's recipient of that address (compared as {@link EmailAddress#toString} wrote
     * it, without regard to case), or under the message when none has it. False when the message is not in the queue.
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
        String address = recipient.toString();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id, address FROM outpost_recipient WHERE message_id = ?")) {
            select.setLong(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (address.equalsIgnoreCase(rows.getString(2))) {
                        story.recipient(rows.getLong(1), kind, detail);
                        return true;
                    }
                }
            }
        }
        story.message(messageId, tenant, kind, detail);
        return true;
    }
}

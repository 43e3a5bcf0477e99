package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** What became of a request to cancel a scheduled message. */
public sealed interface Cancellation {

    /** Its recipients will not be sent to: they ended CANCELLED now, or had already. */
    record Cancelled(int recipients, Instant sendAt) implements Cancellation {}

    /** It was sent at once, not scheduled: there is nothing to cancel. */
    record NotScheduled() implements Cancellation {}

    /** Its time has come: it is being sent, or has been. */
    record AlreadyDue(Instant sendAt) implements Cancellation {}

    /** No message of that id is the tenant's. */
    record NotFound() implements Cancellation {}

    /**
     * Cancels, in the caller's transaction, the recipients of the tenant's scheduled message that no node has claimed
     * and whose time has not come, and tells it in the message's story. A node claims a due recipient by setting its
     * {@code claimed_by} and a lease in the future: the update below locks the rows it reads, so a claim and a
     * cancellation racing at the due time each find the other's commit and only one of them wins.
     */
    static Cancellation cancel(Connection connection, EventWriter story, long messageId, TenantId tenant, Instant now)
            throws SQLException {
        Optional<Timestamp> sendAt;
        try (PreparedStatement select =
                connection.prepareStatement("SELECT send_at FROM outpost_message WHERE id = ? AND tenant_id = ?")) {
            select.setLong(1, messageId);
            select.setString(2, tenant.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new NotFound();
                }
                sendAt = Optional.ofNullable(rows.getTimestamp(1));
            }
        }
        if (sendAt.isEmpty()) {
            return new NotScheduled();
        }
        Instant due = sendAt.get().toInstant();
        int cancelled;
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_recipient SET state = ?,"
                + " next_attempt_at = NULL, updated_at = ? WHERE message_id = ? AND state = ? AND attempts = 0"
                + " AND claimed_by IS NULL AND next_attempt_at > ?")) {
            update.setString(1, RecipientState.CANCELLED.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setLong(3, messageId);
            update.setString(4, RecipientState.QUEUED.name());
            update.setTimestamp(5, Timestamp.from(now));
            cancelled = update.executeUpdate();
        }
        if (cancelled > 0) {
            story.message(
                    messageId,
                    Optional.of(tenant),
                    EventKind.CANCELLED,
                    "cancelled before its time (" + due + "): " + cancelled + " recipient(s) not sent to");
            return new Cancelled(cancelled, due);
        }
        // Nothing left to cancel: cancelled before (asking twice is no error), or its time came first.
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM outpost_recipient WHERE message_id = ? AND state = ?")) {
            count.setLong(1, messageId);
            count.setString(2, RecipientState.CANCELLED.name());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                int earlier = rows.getInt(1);
                return earlier > 0 ? new Cancelled(earlier, due) : new AlreadyDue(due);
            }
        }
    }
}

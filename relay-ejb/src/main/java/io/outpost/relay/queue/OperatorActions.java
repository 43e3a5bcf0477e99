package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's hold, release, retry-now and purge, as statements on the caller's transaction (plain JDBC, beside the
 * outcomes' own: {@link QueueCommits}).
 *
 * <p>A hold costs the claim nothing: it moves the recipient's {@code next_attempt_at} to {@link #HELD_UNTIL}, so the
 * claim's own condition ({@code next_attempt_at <= now}, on its index) never reaches it, and that far-off time is the
 * marker: no column, no extra condition, no index entry more. Release makes it due again.
 *
 * <p>Each change is one conditional {@code UPDATE} by primary key, in id order (as outcomes lock rows), that acts only on
 * a recipient no attempt holds: its claim token is empty, or its lease ran out (then the action clears the token, so the
 * stale attempt's outcome is dropped by the claim fence, as a new claim's would make it). A claim racing with it either
 * committed first (the condition no longer holds) or waits for the row and then finds it held, purged or not due.
 */
final class OperatorActions {

    /** Where a held recipient's next attempt is: a time no retry schedule reaches. */
    static final Instant HELD_UNTIL = LocalDateTime.of(9999, 12, 31, 0, 0).toInstant(ZoneOffset.UTC);

    /** From here on a next attempt means "held" (some margin against time-zone shifts in TIMESTAMP columns). */
    static final Instant HELD_FROM = LocalDateTime.of(9999, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

    // The waiting recipients: a range on next_attempt_at reads them through its index, as a claim does.
    private static final String WAITING = "SELECT id, message_id, address, next_attempt_at, claim_token FROM"
            + " outpost_recipient WHERE next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00'"
            + " AND state IN ('QUEUED', 'DEFERRED') AND ";

    private static final String NOT_IN_AN_ATTEMPT = " AND (claim_token IS NULL OR next_attempt_at <= ?)";

    private static final String HOLD = "UPDATE outpost_recipient SET next_attempt_at = ?, claimed_by = NULL,"
            + " claim_token = NULL, updated_at = ? WHERE id = ? AND state IN ('QUEUED', 'DEFERRED')"
            + " AND next_attempt_at < ?" + NOT_IN_AN_ATTEMPT;

    // A scheduled message's recipient held before its time goes back to its time, not earlier.
    private static final String RELEASE = "UPDATE outpost_recipient SET next_attempt_at = CASE WHEN attempts = 0 THEN"
            + " COALESCE((SELECT m.send_at FROM outpost_message m WHERE m.id = outpost_recipient.message_id AND"
            + " m.send_at > ?), ?) ELSE ? END, updated_at = ? WHERE id = ? AND state IN ('QUEUED', 'DEFERRED')"
            + " AND next_attempt_at >= ?";

    private static final String RETRY_NOW = "UPDATE outpost_recipient SET next_attempt_at = ?, updated_at = ?"
            + " WHERE id = ? AND state = 'DEFERRED' AND claim_token IS NULL AND next_attempt_at > ?"
            + " AND next_attempt_at < ?";

    private static final String PURGE = "UPDATE outpost_recipient SET state = 'PURGED', next_attempt_at = NULL,"
            + " claimed_by = NULL, claim_token = NULL, last_reply = ?, updated_at = ? WHERE id = ?"
            + " AND state IN ('QUEUED', 'DEFERRED')" + NOT_IN_AN_ATTEMPT;

    private OperatorActions() {}

    /** A recipient an action changed. */
    record Changed(long recipientId, long messageId, EmailAddress address) {}

    /** Recipients one transaction of an action reads at most: a destination's may be a whole outage's queue. */
    static final int CHUNK = 500;

    /**
     * What an action changed, how many recipients of its target an attempt held, and the last recipient id it read
     * when its target may have more after it.
     */
    record Applied(List<Changed> changed, int inFlight, Optional<Long> readUpTo) {

        /** The changed recipients by message, in the order first met. */
        Map<Long, List<Changed>> byMessage() {
            Map<Long, List<Changed>> byMessage = new LinkedHashMap<>();
            changed.forEach(one -> byMessage
                    .computeIfAbsent(one.messageId(), id -> new ArrayList<>())
                    .add(one));
            return byMessage;
        }
    }

    /**
     * Applies the request to its target's waiting recipients after {@code afterId}, at most {@link #CHUNK} of them, and
     * tells each change in its recipient's story.
     */
    static Applied apply(Connection connection, EventWriter story, OperatorRequest request, Instant now, long afterId)
            throws SQLException {
        Read read = waiting(connection, request.target(), afterId);
        List<Waiting> inIdOrder = read.waiting();
        int inFlight =
                (int) inIdOrder.stream().filter(one -> one.inAttempt(now)).count();
        List<Changed> changed = new ArrayList<>();
        if (inIdOrder.isEmpty()) {
            return new Applied(changed, inFlight, read.upTo());
        }
        Timestamp at = Timestamp.from(now);
        String detail = detail(request);
        try (PreparedStatement update = connection.prepareStatement(statement(request.action()))) {
            for (Waiting one : inIdOrder) {
                bind(update, request.action(), one.recipientId(), at, detail);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("the driver gave no update count for an operator's action");
                }
                if (counts[i] > 0) {
                    Waiting one = inIdOrder.get(i);
                    changed.add(new Changed(one.recipientId(), one.messageId(), one.address()));
                    story.recipient(one.recipientId(), request.action().event(), detail);
                }
            }
        }
        return new Applied(changed, inFlight, read.upTo());
    }

    /** Whether a next attempt at {@code nextAttempt} means the recipient is held. */
    static boolean held(Instant nextAttempt) {
        return !nextAttempt.isBefore(HELD_FROM);
    }

    private record Waiting(long recipientId, long messageId, EmailAddress address, Instant next, boolean claimed) {

        boolean inAttempt(Instant now) {
            return claimed && next.isAfter(now);
        }
    }

    /** The waiting recipients of one chunk, in id order, and the last id read if the target may have more. */
    private record Read(List<Waiting> waiting, Optional<Long> upTo) {}

    private static Read waiting(Connection connection, QueueTarget target, long afterId) throws SQLException {
        String sql;
        List<Object> parameters = new ArrayList<>();
        if (target instanceof QueueTarget.Destination destination) {
            // The LIKE narrows the read; the exact domain is compared below (a subdomain ends with the same text).
            sql = WAITING + "(LOWER(address) LIKE ? OR LOWER(address) LIKE ?)";
            parameters.add("%@" + destination.domain().name());
            parameters.add("%@" + destination.domain().ascii());
        } else {
            sql = WAITING + "message_id = ?";
            parameters.add(((QueueTarget.Message) target).messageId());
        }
        parameters.add(afterId);
        List<Waiting> waiting = new ArrayList<>();
        long lastId = afterId;
        int read = 0;
        try (PreparedStatement select = connection.prepareStatement(sql + " AND id > ? ORDER BY id")) {
            select.setMaxRows(CHUNK);
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read++;
                    lastId = rows.getLong(1);
                    EmailAddress address = EmailAddress.parse(rows.getString(3));
                    if (target instanceof QueueTarget.Destination destination
                            && !address.domain()
                                    .ascii()
                                    .equals(destination.domain().ascii())) {
                        continue;
                    }
                    waiting.add(new Waiting(
                            rows.getLong(1),
                            rows.getLong(2),
                            address,
                            rows.getTimestamp(4).toInstant(),
                            rows.getObject(5) != null));
                }
            }
        }
        return new Read(waiting, read == CHUNK ? Optional.of(lastId) : Optional.empty());
    }

    private static String statement(QueueAction action) {
        return switch (action) {
            case HOLD -> HOLD;
            case RELEASE -> RELEASE;
            case RETRY_NOW -> RETRY_NOW;
            case PURGE -> PURGE;
        };
    }

    private static void bind(PreparedStatement update, QueueAction action, long id, Timestamp now, String detail)
            throws SQLException {
        Timestamp heldFrom = Timestamp.from(HELD_FROM);
        switch (action) {
            case HOLD -> {
                update.setTimestamp(1, Timestamp.from(HELD_UNTIL));
                update.setTimestamp(2, now);
                update.setLong(3, id);
                update.setTimestamp(4, heldFrom);
                update.setTimestamp(5, now);
            }
            case RELEASE -> {
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setTimestamp(3, now);
                update.setTimestamp(4, now);
                update.setLong(5, id);
                update.setTimestamp(6, heldFrom);
            }
            case RETRY_NOW -> {
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setLong(3, id);
                update.setTimestamp(4, now);
                update.setTimestamp(5, heldFrom);
            }
            case PURGE -> {
                update.setString(1, QueuedRecipient.replyNote(detail));
                update.setTimestamp(2, now);
                update.setLong(3, id);
                update.setTimestamp(4, now);
            }
        }
    }

    // What the tenant reads in the message's story: who did it and why.
    private static String detail(OperatorRequest request) {
        String what =
                switch (request.action()) {
                    case HOLD -> "held by the operator";
                    case RELEASE -> "released by the operator";
                    case RETRY_NOW -> "retried now by the operator";
                    case PURGE -> request.bounce()
                            ? "purged by the operator, the sender notified"
                            : "purged by the operator, without a bounce";
                };
        return what + " (" + request.operator() + ")" + (request.reason().isBlank() ? "" : ": " + request.reason());
    }
}

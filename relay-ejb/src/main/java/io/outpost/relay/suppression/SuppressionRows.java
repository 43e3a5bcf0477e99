package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts an address on a tenant's list from inside another JDBC transaction: the one that records the hard bounce that
 * caused it, so the entry exists exactly when the bounce does. An entry already there and holding is kept (its first
 * reason and evidence say why); an expired one is replaced. Ids come from the entities' own sequences, one value per
 * row: EclipseLink takes a block of ids per value, and a value taken here is never one of its blocks. Thread-safe.
 */
public final class SuppressionRows {

    private static final String DELETE_EXPIRED = "DELETE FROM outpost_suppression WHERE target = ? AND tenant_id = ?"
            + " AND stream = ? AND expires_at IS NOT NULL AND expires_at <= ?";
    // Two transactions may add the same target at once (outcomes, a report that came back, an unsubscribe): PostgreSQL
    // keeps the first and skips the other; H2, without that clause, fails the second's statement (SQLState 23505),
    // which
    // is then read as "there already" — H2 leaves the rest of its transaction usable.
    private static final String INSERT = "INSERT INTO outpost_suppression (id, tenant_id, stream, target, reason,"
            + " message_id, evidence, note, created_at, expires_at) SELECT ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM outpost_suppression WHERE target = ? AND tenant_id = ? AND stream = ?)";
    private static final String INSERT_CHANGE = "INSERT INTO outpost_suppression_change (id, tenant_id, stream,"
            + " target, change_kind, reason, actor, note, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)";

    // SQL:2016 class 23, integrity constraint violation: unique violation.
    private static final String UNIQUE_VIOLATION = "23505";

    private final String insert;
    private final String nextEntryId;
    private final String nextChangeId;

    /** @param databaseKind {@code postgresql} or {@code h2} */
    public SuppressionRows(String databaseKind) {
        boolean postgresql = "postgresql".equalsIgnoreCase(databaseKind);
        this.insert = postgresql ? INSERT + " ON CONFLICT DO NOTHING" : INSERT;
        this.nextEntryId = nextValue(postgresql, "outpost_suppression_seq");
        this.nextChangeId = nextValue(postgresql, "outpost_suppression_change_seq");
    }

    private static String nextValue(boolean postgresql, String sequence) {
        return postgresql ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
    }

    /**
     * Puts {@code address} on a tenant's list ({@code scope}), unless it is there already; true if it was added.
     *
     * @param evidence the reply or report that caused it
     * @param actor who the change is recorded as: {@code bounce}, {@code complaint}
     * @param expiresAt when the entry stops holding; empty for good
     */
    public boolean add(
            Connection connection,
            SuppressionScope scope,
            EmailAddress address,
            SuppressionReason reason,
            long messageId,
            String evidence,
            String actor,
            Instant now,
            Optional<Instant> expiresAt)
            throws SQLException {
        String target = SuppressionTarget.address(address).value();
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            delete.setString(1, target);
            delete.setString(2, scope.tenantKey());
            delete.setString(3, scope.streamKey());
            delete.setTimestamp(4, at);
            delete.executeUpdate();
        }
        int added;
        try (PreparedStatement insertRow = connection.prepareStatement(insert)) {
            insertRow.setLong(1, next(connection, nextEntryId));
            insertRow.setString(2, scope.tenantKey());
            insertRow.setString(3, scope.streamKey());
            insertRow.setString(4, target);
            insertRow.setString(5, reason.name());
            insertRow.setLong(6, messageId);
            insertRow.setString(7, cut(evidence, 8000));
            insertRow.setTimestamp(8, at);
            insertRow.setTimestamp(9, expiresAt.map(Timestamp::from).orElse(null));
            insertRow.setString(10, target);
            insertRow.setString(11, scope.tenantKey());
            insertRow.setString(12, scope.streamKey());
            added = insertRow.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            return false;
        }
        if (added == 0) {
            return false;
        }
        try (PreparedStatement change = connection.prepareStatement(INSERT_CHANGE)) {
            change.setLong(1, next(connection, nextChangeId));
            change.setString(2, scope.tenantKey());
            change.setString(3, scope.streamKey());
            change.setString(4, target);
            change.setString(5, SuppressionChange.Kind.ADDED.name());
            change.setString(6, reason.name());
            change.setString(7, actor);
            change.setTimestamp(8, at);
            change.executeUpdate();
        }
        return true;
    }

    private static long next(Connection connection, String nextValue) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(nextValue);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

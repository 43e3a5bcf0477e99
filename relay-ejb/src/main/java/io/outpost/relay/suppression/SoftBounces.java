package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts a tenant's soft bounces per address ({@code outpost_soft_bounce}, V28) inside the transaction that records
 * each, and says when the {@link SoftBounceRule} has been reached; the row goes then, as the list entry takes over.
 * Thread-safe.
 */
public final class SoftBounces {

    private static final String INSERT = "INSERT INTO outpost_soft_bounce (tenant_id, target, bounces, first_at,"
            + " last_at) VALUES (?, ?, 1, ?, ?)";

    // SQL:2016 class 23, unique violation: another transaction counted this address's first bounce at the same moment.
    private static final String UNIQUE_VIOLATION = "23505";

    private final SoftBounceRule rule;
    private final String insert;

    /** @param databaseKind {@code postgresql} or {@code h2} */
    public SoftBounces(SoftBounceRule rule, String databaseKind) {
        this.rule = rule;
        // As SuppressionRows: PostgreSQL skips the row another transaction inserted; H2 fails only the statement.
        this.insert = "postgresql".equalsIgnoreCase(databaseKind) ? INSERT + " ON CONFLICT DO NOTHING" : INSERT;
    }

    public SoftBounceRule rule() {
        return rule;
    }

    /** Counts one soft bounce of {@code address} for {@code tenant}; true when it reaches the rule's limit. */
    public boolean count(Connection connection, TenantId tenant, EmailAddress address, Instant now)
            throws SQLException {
        String target = SuppressionTarget.address(address).value();
        Optional<Instant> last = Optional.empty();
        int before = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT bounces, last_at FROM outpost_soft_bounce WHERE tenant_id = ? AND target = ? FOR UPDATE")) {
            select.setString(1, tenant.value());
            select.setString(2, target);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    before = row.getInt(1);
                    last = Optional.of(row.getTimestamp(2).toInstant());
                }
            }
        }
        // A bounce longer than the window after the one before starts a new run.
        boolean newRun = last.map(at -> at.plus(rule.window()).isBefore(now)).orElse(true);
        int bounces = newRun ? 1 : before + 1;
        if (bounces >= rule.limit()) {
            forget(connection, tenant, target);
            return true;
        }
        Timestamp at = Timestamp.from(now);
        if (last.isEmpty()) {
            insert(connection, tenant, target, at);
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_soft_bounce SET bounces = ?,"
                + " first_at = " + (newRun ? "?" : "first_at") + ", last_at = ? WHERE tenant_id = ? AND target = ?")) {
            int column = 1;
            update.setInt(column++, bounces);
            if (newRun) {
                update.setTimestamp(column++, at);
            }
            update.setTimestamp(column++, at);
            update.setString(column++, tenant.value());
            update.setString(column, target);
            update.executeUpdate();
        }
        return false;
    }

    private void insert(Connection connection, TenantId tenant, String target, Timestamp at) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement(insert)) {
            row.setString(1, tenant.value());
            row.setString(2, target);
            row.setTimestamp(3, at);
            row.setTimestamp(4, at);
            row.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Counted by the other transaction: of two bounces at the same moment one goes uncounted, never doubled.
        }
    }

    /** Forgets the count of {@code target} (an address as {@link SuppressionTarget} writes it) for {@code tenant}. */
    public static int forget(Connection connection, TenantId tenant, String target) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM outpost_soft_bounce WHERE tenant_id = ? AND target = ?")) {
            delete.setString(1, tenant.value());
            delete.setString(2, target);
            return delete.executeUpdate();
        }
    }
}

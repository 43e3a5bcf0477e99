package io.outpost.relay.reputation;

import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rate pauses and the rates they come from, in {@code outpost_bulk_pause} and {@code outpost_stats}; plain JDBC. */
final class RatePauses {

    private RatePauses() {}

    /**
     * Each tenant's domains with a complaint or a hard bounce in the last {@code days} UTC days up to {@code now}. A
     * domain an administrator resumed counts only the days after the day of its resume: what came before is what it
     * was paused for.
     */
    static List<DomainRates> rates(Connection connection, Instant now, int days) throws SQLException {
        LocalDate first = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(days - 1L);
        List<DomainRates> rates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT s.tenant_id, s.dimension_value,"
                + " SUM(s.delivered), SUM(s.bounced), SUM(s.bounced_hard), SUM(s.complained) FROM outpost_stats s"
                + " LEFT JOIN outpost_bulk_pause p ON p.tenant_id = s.tenant_id AND p.domain = s.dimension_value"
                + " WHERE s.dimension = 'domain' AND s.stat_day >= ?"
                + " AND (p.resumed_at IS NULL OR s.stat_day > CAST(p.resumed_at AS DATE))"
                + " GROUP BY s.tenant_id, s.dimension_value"
                + " HAVING SUM(s.complained) > 0 OR SUM(s.bounced_hard) > 0")) {
            select.setDate(1, Date.valueOf(first));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    rates.add(new DomainRates(
                            TenantId.of(rows.getString(1)),
                            rows.getString(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            rows.getLong(5),
                            rows.getLong(6)));
                }
            }
        }
        return rates;
    }

    /** Every pause, active or resumed, of one tenant or of all. */
    static List<RatePause> all(Connection connection, Optional<TenantId> tenant) throws SQLException {
        List<RatePause> pauses = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id, domain, reason, paused_at,"
                + " resumed_at, resumed_by FROM outpost_bulk_pause"
                + (tenant.isPresent() ? " WHERE tenant_id = ?" : "") + " ORDER BY paused_at, tenant_id, domain")) {
            if (tenant.isPresent()) {
                select.setString(1, tenant.get().value());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pauses.add(new RatePause(
                            TenantId.of(rows.getString(1)),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getTimestamp(4).toInstant(),
                            Optional.ofNullable(rows.getTimestamp(5)).map(Timestamp::toInstant),
                            Optional.ofNullable(rows.getString(6))));
                }
            }
        }
        return pauses;
    }

    /**
     * Pauses the domain's bulk mail unless it is paused already; true if it paused now. Two nodes pausing one domain at
     * once meet at the primary key: the loser's tick fails, and its next finds the pause.
     */
    static boolean pause(Connection connection, DomainRates rates, String reason, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_bulk_pause SET reason = ?,"
                + " paused_at = ?, resumed_at = NULL, resumed_by = NULL WHERE tenant_id = ? AND domain = ?"
                + " AND resumed_at IS NOT NULL")) {
            update.setString(1, reason);
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, rates.tenant().value());
            update.setString(4, rates.domain());
            if (update.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outpost_bulk_pause (tenant_id, domain,"
                + " reason, paused_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM outpost_bulk_pause WHERE"
                + " tenant_id = ? AND domain = ?)")) {
            insert.setString(1, rates.tenant().value());
            insert.setString(2, rates.domain());
            insert.setString(3, reason);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setString(5, rates.tenant().value());
            insert.setString(6, rates.domain());
            return insert.executeUpdate() > 0;
        }
    }

    /** Resumes the domain's bulk mail; false if it was not paused. */
    static boolean resume(Connection connection, TenantId tenant, String domain, String by, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_bulk_pause SET resumed_at = ?,"
                + " resumed_by = ? WHERE tenant_id = ? AND domain = ? AND resumed_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, by);
            update.setString(3, tenant.value());
            update.setString(4, domain);
            return update.executeUpdate() > 0;
        }
    }
}

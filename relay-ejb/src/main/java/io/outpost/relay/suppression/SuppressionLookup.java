package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Whether a list holds a recipient now, read in plain JDBC with one statement of fixed shape: it is asked before every
 * delivery attempt, where JPA behind an EJB call took more than a quarter of the server's CPU under batches of the HTTP
 * API (docs/performance.md). The {@code outpost_suppression_entry} constraint's index (target first) finds the rows.
 */
public final class SuppressionLookup implements SuppressionListPolicy.Lists {

    // Three targets (the address, its domain, what stays of it once erased), two tenants (every, this one), three lists
    // of the tenant (every stream, this stream, this topic): mail of no tenant passes "every" twice, and mail of no
    // topic its stream twice.
    private static final String HOLDING = "SELECT tenant_id, stream, target, reason, message_id, evidence, note,"
            + " created_at, expires_at FROM outpost_suppression WHERE target IN (?, ?, ?) AND tenant_id IN (?, ?) AND"
            + " stream IN (?, ?, ?) AND (expires_at IS NULL OR expires_at > ?) ORDER BY id";

    private final DataSource dataSource;
    private final Clock clock;
    private final AddressHash hashes;

    public SuppressionLookup(DataSource dataSource, Clock clock, AddressHash hashes) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.hashes = hashes;
    }

    /**
     * @throws IllegalStateException when the lists cannot be read: the policy fails, and its chain defers the recipient
     *     (never delivered because a list could not be asked)
     */
    @Override
    public Optional<SuppressionEntry> holding(
            Optional<TenantId> tenant, MessageStream stream, Optional<Topic> topic, EmailAddress recipient) {
        List<SuppressionTarget> targets = SuppressionTarget.covering(recipient);
        String tenantKey = SuppressionScope.tenantKey(tenant);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(HOLDING)) {
            select.setString(1, targets.get(0).value());
            select.setString(2, targets.get(1).value());
            // Only a tenant's lists keep erased addresses as hashes: mail of no tenant needs none.
            select.setString(
                    3,
                    tenant.isPresent()
                            ? hashes.of(recipient).value()
                            : targets.get(0).value());
            select.setString(4, SuppressionScope.EVERY);
            select.setString(5, tenantKey);
            select.setString(6, SuppressionScope.EVERY);
            select.setString(7, stream.wireName());
            select.setString(8, topic.map(SuppressionScope::topicKey).orElse(stream.wireName()));
            select.setTimestamp(9, Timestamp.from(clock.instant()));
            select.setMaxRows(1);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(entry(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the suppression lists could not be read", e);
        }
    }

    private static SuppressionEntry entry(ResultSet row) throws SQLException {
        long messageId = row.getLong(5);
        boolean hasMessage = !row.wasNull();
        Timestamp expiresAt = row.getTimestamp(9);
        return new SuppressionEntry(
                SuppressionScope.of(row.getString(1), row.getString(2)),
                new SuppressionTarget(row.getString(3)),
                SuppressionReason.valueOf(row.getString(4)),
                hasMessage ? OptionalLong.of(messageId) : OptionalLong.empty(),
                Optional.ofNullable(row.getString(6)),
                Optional.ofNullable(row.getString(7)),
                row.getTimestamp(8).toInstant(),
                Optional.ofNullable(expiresAt).map(Timestamp::toInstant));
    }
}

package io.outpost.relay.queue;

import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps the statistics counters ({@code V20__stats.sql}) as events are published, in the publishing transaction: each
 * tenant's sent, delivered, deferred, bounced, opened, clicked, complaint and unsubscribe counts per UTC day, for all its mail, per tag and per
 * sending domain. Publishers hold the event feed's head row while they count, so two never add to one row at once.
 * Mail with the null sender (DSNs) is not counted: it is the relay's, not what the tenant sent.
 */
final class StatsCounters {

    /** The counters of one row, in the columns' order. */
    enum Counter {
        SENT,
        DELIVERED,
        DEFERRED,
        BOUNCED,
        OPENED_HUMAN,
        OPENED_MACHINE,
        CLICKED_HUMAN,
        CLICKED_MACHINE,
        COMPLAINED,
        /** Of the bounces, those whose address does not exist (class hard): the base of a domain's hard-bounce rate. */
        BOUNCED_HARD,
        UNSUBSCRIBED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row of counters: a tenant's day, for all mail ({@code all}, ""), a tag or a sending domain. */
    record Key(String tenant, LocalDate day, String dimension, String value) {}

    private static final int CHUNK = 500;
    private static final String HARD = BounceClass.HARD.inEventDetail();
    private static final int MAX_VALUE = 255;

    private StatsCounters() {}

    /** Adds the published events {@code eventIds} to their tenants' counters. */
    static void count(Connection connection, List<Long> eventIds) throws SQLException {
        Map<Key, long[]> deltas = new LinkedHashMap<>();
        for (int from = 0; from < eventIds.size(); from += CHUNK) {
            read(connection, eventIds.subList(from, Math.min(eventIds.size(), from + CHUNK)), deltas);
        }
        for (Map.Entry<Key, long[]> delta : deltas.entrySet()) {
            add(connection, delta.getKey(), delta.getValue());
        }
    }

    private static void read(Connection connection, List<Long> ids, Map<Key, long[]> deltas) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT e.kind, e.occurred_at, e.detail, e.tenant_id, m.envelope_sender,"
                + " m.labels, CASE WHEN e.kind = 'QUEUED' THEN (SELECT COUNT(*) FROM outpost_recipient r WHERE"
                + " r.message_id = e.message_id) ELSE 1 END FROM outpost_event e JOIN outpost_message m ON m.id ="
                + " e.message_id WHERE e.tenant_id IS NOT NULL AND m.envelope_sender <> '' AND e.id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement select =
                connection.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<Counter> counters = counters(rows.getString(1), rows.getString(3));
                    if (counters.isEmpty()) {
                        continue;
                    }
                    LocalDate day = rows.getTimestamp(2)
                            .toInstant()
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate();
                    String tenant = rows.getString(4);
                    long amount = rows.getLong(7);
                    String sender = rows.getString(5);
                    String domain =
                            sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                    List<String> tags = tags(rows.getString(6));
                    for (Counter counter : counters) {
                        bump(deltas, new Key(tenant, day, "all", ""), counter, amount);
                        bump(deltas, new Key(tenant, day, "domain", cut(domain)), counter, amount);
                        for (String tag : tags) {
                            bump(deltas, new Key(tenant, day, "tag", cut(tag)), counter, amount);
                        }
                    }
                }
            }
        }
    }

    // The counters an event adds to, none for one that is not counted (RECEIVED, SUPPRESSED, DSN_QUEUED, …).
    private static List<Counter> counters(String kind, String detail) {
        boolean human = detail != null && detail.startsWith("human");
        return switch (EventKind.valueOf(kind)) {
            case QUEUED -> List.of(Counter.SENT);
            case DELIVERED -> List.of(Counter.DELIVERED);
            case DEFERRED -> List.of(Counter.DEFERRED);
            case BOUNCED -> detail != null && detail.endsWith(HARD)
                    ? List.of(Counter.BOUNCED, Counter.BOUNCED_HARD)
                    : List.of(Counter.BOUNCED);
                // Expired is a bounce that took the whole queue lifetime: the recipient got nothing either way.
            case EXPIRED -> List.of(Counter.BOUNCED);
            case OPENED -> List.of(human ? Counter.OPENED_HUMAN : Counter.OPENED_MACHINE);
            case CLICKED -> List.of(human ? Counter.CLICKED_HUMAN : Counter.CLICKED_MACHINE);
            case COMPLAINED -> List.of(Counter.COMPLAINED);
            case UNSUBSCRIBED -> List.of(Counter.UNSUBSCRIBED);
            default -> List.of();
        };
    }

    private static List<String> tags(String labels) {
        if (labels == null) {
            return List.of();
        }
        JsonObject object;
        try (JsonReader reader = CachedJson.createReader(new StringReader(labels))) {
            object = reader.readObject();
        }
        List<String> tags = new ArrayList<>();
        if (object.get("tags") instanceof JsonArray array) {
            array.forEach(tag -> {
                if (tag instanceof JsonString text) {
                    tags.add(text.getString());
                }
            });
        }
        return tags;
    }

    private static void bump(Map<Key, long[]> deltas, Key key, Counter counter, long amount) {
        deltas.computeIfAbsent(key, k -> new long[Counter.values().length])[counter.ordinal()] += amount;
    }

    private static void add(Connection connection, Key key, long[] delta) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (Counter counter : Counter.values()) {
            set.append(set.length() == 0 ? "" : ", ")
                    .append(counter.column())
                    .append(" = ")
                    .append(counter.column())
                    .append(" + ?");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_stats SET " + set
                + " WHERE tenant_id = ? AND dimension = ? AND dimension_value = ? AND stat_day = ?")) {
            int i = 1;
            for (long value : delta) {
                update.setLong(i++, value);
            }
            bindKey(update, i, key);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Counter counter : Counter.values()) {
            columns.append(", ").append(counter.column());
            values.append(", ?");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outpost_stats (tenant_id, dimension,"
                + " dimension_value, stat_day" + columns + ") VALUES (?, ?, ?, ?" + values + ")")) {
            int i = bindKey(insert, 1, key);
            for (long value : delta) {
                insert.setLong(i++, value);
            }
            insert.executeUpdate();
        }
    }

    private static int bindKey(PreparedStatement statement, int from, Key key) throws SQLException {
        statement.setString(from, key.tenant());
        statement.setString(from + 1, key.dimension());
        statement.setString(from + 2, key.value());
        statement.setObject(from + 3, key.day());
        return from + 4;
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}

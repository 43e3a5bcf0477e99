package io.outpost.relay.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the schema this release expects by running the migrations of its kind in version order. A
 * database created by the release before migrations (tables made by EclipseLink, no history) is first recorded as
 * version 1, which is exactly that schema, and then upgraded like any other.
 */
public final class DatabaseSchema {

    /** The version whose script is the schema the last release without migrations created. */
    static final String BASELINE_VERSION = "1";

    /** A table every release has had; finding it without a migration history means the schema predates migrations. */
    private static final String QUEUE_TABLE = "outpost_message";

    private DatabaseSchema() {}

    /**
     * Migrates the database behind {@code dataSource}, of kind {@code h2} or {@code postgresql}, to the newest version.
     *
     * @return the version the schema is at afterwards
     */
    public static String upgrade(DataSource dataSource, String kind) {
        // Liberty's class loader lists no folders: Flyway finds each by an empty flyway.location file in it, also in
        // db/callback, which every Flyway instance scans for Java callbacks (none; without it an error is logged).
        String location = "classpath:db/migration/" + kind;
        Flyway flyway = Flyway.configure(DatabaseSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .baselineVersion(BASELINE_VERSION)
                .baselineDescription("schema of the release before migrations")
                .load();
        // Flyway's own baselineOnMigrate would also baseline a database holding only someone else's tables (Liberty's
        // persistent timers share the data source), skipping V1 for good: baseline only what an older Outpost made.
        if (flyway.info().current() == null && hasQueueTable(dataSource)) {
            flyway.baseline();
        }
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    private static boolean hasQueueTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection
                        .getMetaData()
                        .getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (QUEUE_TABLE.equals(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables: " + e.getMessage(), e);
        }
    }
}

package io.outpost.relay.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Forces committed transactions to the disk where the database does not at commit. H2 (MVStore) writes each commit to
 * the operating system but never calls fsync, so a power cut or kernel crash could lose mail already answered 250;
 * {@code CHECKPOINT SYNC} flushes and fsyncs its file. One call after a group commit makes the whole batch durable (see
 * docs/performance.md for the cost). PostgreSQL already fsyncs its WAL at commit ({@code synchronous_commit=on}).
 *
 * <p>The statement runs on a plain connection in auto-commit mode, outside any transaction: it syncs what others have
 * committed and writes nothing of its own, so a JTA transaction and an EclipseLink query around it were pure cost on
 * the path of every 250 (docs/performance.md, "Profile").
 */
final class CommitSync {

    /** H2's statement: flush the store, then FileChannel.force on its file. Needs an admin user (the database's owner). */
    static final String H2_SYNC = "CHECKPOINT SYNC";

    private CommitSync() {}

    /** True for a database whose commits are not durable until synced (H2); PostgreSQL's are. */
    static boolean needed(String kind) {
        return "h2".equalsIgnoreCase(kind);
    }

    /** Makes every transaction committed before this call durable, on a database that {@link #needed} it. */
    static void afterCommit(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(H2_SYNC);
        }
    }
}

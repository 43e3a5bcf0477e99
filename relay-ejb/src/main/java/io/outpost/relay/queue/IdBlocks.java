package io.outpost.relay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Ids from a sequence a block at a time, as EclipseLink takes them: one {@code NEXT VALUE} per {@link
 * QueueCommits#ID_BLOCK} rows, the value being the block's last id. Sequences are not transactional: ids handed to a
 * transaction that rolls back are never used (gaps are harmless), and the rest of the block goes on to the next.
 */
final class IdBlocks {

    private final String nextValue;
    private long next;
    private long last = -1;

    IdBlocks(String databaseKind, String sequence) {
        // PostgreSQL's function, or standard SQL (H2): the two databases Outpost supports.
        this.nextValue = "postgresql".equalsIgnoreCase(databaseKind)
                ? "SELECT nextval('" + sequence + "')"
                : "SELECT NEXT VALUE FOR " + sequence;
    }

    /**
     * The next id, taking a connection from {@code dataSource} only when a new block is needed; never while holding
     * this object's lock, which committers holding a connection wait for.
     */
    long next(DataSource dataSource) throws SQLException {
        synchronized (this) {
            if (next <= last) {
                return next++;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return next(connection);
        }
    }

    synchronized long next(Connection connection) throws SQLException {
        if (next > last) {
            try (PreparedStatement select = connection.prepareStatement(nextValue);
                    ResultSet row = select.executeQuery()) {
                row.next();
                last = row.getLong(1);
            }
            next = last - QueueCommits.ID_BLOCK + 1;
        }
        return next++;
    }
}

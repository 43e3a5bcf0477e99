package io.outpost.relay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@code outpost_message.content} as a stream over the transaction's own JDBC connection: JPA maps a {@code @Lob
 * byte[]} to one array holding the whole message, which is what a large message must never be.
 *
 * <p>Writing binds each message as a binary stream ({@link QueueCommits}: H2 keeps up to 8 KiB in the row and copies
 * more into its LOB store, the PostgreSQL driver streams it into the {@code bytea} parameter on the wire). Reading
 * takes H2's stream; the PostgreSQL driver would read a whole {@code bytea} value into memory, so there the column is
 * read in slices of {@link #SLICE} octets ({@code substring} on a column stored without compression fetches only the
 * TOAST chunks of its slice).
 */
abstract sealed class ContentColumn {

    static final int SLICE = 256 * 1024;

    static ContentColumn forDatabase(String kind) {
        return "postgresql".equalsIgnoreCase(kind) ? new Sliced() : new Streamed();
    }

    /** Copies the content of message {@code id}, {@code size} octets, to {@code out}. */
    abstract void read(Connection connection, long id, long size, OutputStream out) throws SQLException, IOException;

    private static final class Streamed extends ContentColumn {

        @Override
        void read(Connection connection, long id, long size, OutputStream out) throws SQLException, IOException {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT content FROM outpost_message WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("no message " + id);
                    }
                    try (InputStream in = row.getBinaryStream(1)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    private static final class Sliced extends ContentColumn {

        @Override
        void read(Connection connection, long id, long size, OutputStream out) throws SQLException, IOException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT substring(content FROM ? FOR ?) FROM outpost_message WHERE id = ?")) {
                // SQL strings count from 1.
                for (long from = 1; from <= size; from += SLICE) {
                    select.setInt(1, Math.toIntExact(from));
                    select.setInt(2, SLICE);
                    select.setLong(3, id);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            throw new SQLException("no message " + id);
                        }
                        out.write(row.getBytes(1));
                    }
                }
            }
        }
    }
}

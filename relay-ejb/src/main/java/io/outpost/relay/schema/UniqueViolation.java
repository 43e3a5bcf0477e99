package io.outpost.relay.schema;

import java.sql.SQLException;

/** Recognises a write that broke a unique constraint: two requests wrote the same row at once. */
public final class UniqueViolation {

    private UniqueViolation() {}

    // SQLSTATE 23505, unique_violation (SQL:2011), as both H2 and PostgreSQL report it.
    public static boolean causedIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

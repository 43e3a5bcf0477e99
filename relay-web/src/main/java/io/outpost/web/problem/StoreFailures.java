package io.outpost.web.problem;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the failures of the database that a client can act on from programming errors, whatever EJB, JTA, JPA or
 * EclipseLink exceptions wrap them: a database that cannot be reached or timed out is a 503 to retry later, a row that
 * a concurrent request inserted first (a unique key) or changed first (a version) is a 409.
 */
public final class StoreFailures {

    private StoreFailures() {}

    /** The problem for the database failure somewhere in {@code failure}'s causes, if there is one. */
    public static Optional<Problem> problem(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (unavailable(t)) {
                return Optional.of(new Problem(
                        Problem.UNAVAILABLE,
                        "Service unavailable",
                        503,
                        "The database cannot be reached just now; try again later",
                        List.of()));
            }
            if (conflict(t)) {
                return Optional.of(new Problem(
                        Problem.CONFLICT,
                        "Conflict",
                        409,
                        "Another request created or changed the same entry at the same time; read it again"
                                + " before you retry",
                        List.of()));
            }
        }
        return Optional.empty();
    }

    // SQLSTATE class 08 is a connection exception, 40001 a serialization failure, 40P01 a deadlock (ISO 9075,
    // PostgreSQL): retrying later may succeed.
    private static boolean unavailable(Throwable t) {
        return t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException
                || t instanceof SQLTimeoutException
                || state(t).filter(s -> s.startsWith("08") || s.equals("40001") || s.equals("40P01"))
                        .isPresent();
    }

    // SQLSTATE 23505 is a unique key a concurrent request took first, 23503 a row it refers to that a concurrent
    // request removed. Other integrity violations (a null in a required column) are programming errors: 500.
    private static boolean conflict(Throwable t) {
        return t instanceof EntityExistsException
                || t instanceof OptimisticLockException
                || state(t).filter(s -> s.equals("23505") || s.equals("23503")).isPresent();
    }

    private static Optional<String> state(Throwable t) {
        return t instanceof SQLException sql ? Optional.ofNullable(sql.getSQLState()) : Optional.empty();
    }
}

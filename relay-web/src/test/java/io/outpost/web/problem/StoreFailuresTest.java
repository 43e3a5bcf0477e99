package io.outpost.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The database failures the REST mappers answer with 503 or 409, as the container hands them over: wrapped in EJB,
 * JTA and JPA exceptions. (A real outage in an integration test would need the database taken away under a running
 * server; the mapping is the same code for any cause chain, so it is tested here.)
 */
class StoreFailuresTest {

    @Test
    void aLostConnectionIsA503ToRetryLater() {
        Optional<Problem> problem = StoreFailures.problem(new EJBException(new PersistenceException(
                "Exception [EclipseLink-4002]",
                new SQLNonTransientConnectionException("Connection refused", "08001"))));

        assertThat(problem).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.type()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(p.retryAfter()).contains(60);
            assertThat(p.detail()).doesNotContain("Exception").doesNotContain("08001");
        });
    }

    @Test
    void anExhaustedConnectionPoolIsA503() {
        assertThat(StoreFailures.problem(new EJBException(new SQLTransientConnectionException("J2CA0045E"))))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(503));
    }

    @Test
    void aConnectionFailureKnownOnlyByItsSqlStateIsA503() {
        assertThat(StoreFailures.problem(new PersistenceException(new SQLException("I/O error", "08006"))))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(503));
    }

    @Test
    void aDuplicateKeyFromAConcurrentRequestIsA409() {
        RollbackException commit = new RollbackException("rolled back");
        commit.initCause(new PersistenceException(new SQLException("Unique index or primary key violation", "23505")));
        EJBTransactionRolledbackException rolledBack =
                new EJBTransactionRolledbackException("commit failed", new EJBException(commit));

        assertThat(StoreFailures.problem(rolledBack)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(409);
            assertThat(p.type()).isEqualTo(Problem.CONFLICT);
            assertThat(p.retryAfter()).isEmpty();
        });
    }

    @Test
    void aConcurrentUpdateIsA409() {
        assertThat(StoreFailures.problem(new EJBException(new OptimisticLockException("version changed"))))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(409));
    }

    @Test
    void otherFailuresAreNoneOfTheStoresBusiness() {
        assertThat(StoreFailures.problem(new EJBException(
                        new PersistenceException(new SQLException("NULL not allowed for column", "23502")))))
                .isEmpty();
        assertThat(StoreFailures.problem(new IllegalStateException("bug"))).isEmpty();
    }
}

package io.outpost.relay.queue;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes events of a tenant's lists from a container transaction (an EJB's JPA work), on that transaction's own
 * connection, and publishes them once it has committed: the event exists exactly when the change does.
 */
@ApplicationScoped
public class ListEventsOfTransaction {

    @Inject
    private QueueCommits commits;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    /** Writes {@code events} in the transaction {@code em} works in, which must be active. */
    public void record(EntityManager em, List<ListEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // Flushed first, so the changes precede their events; then JPA's connection, enlisted in this transaction.
        em.flush();
        List<Long> written;
        try {
            written = commits.writeListEvents(em.unwrap(Connection.class), events);
        } catch (SQLException e) {
            throw new PersistenceException("list events not written", e);
        }
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing to do before: the rows are written.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    commits.publishCommitted(written);
                }
            }
        });
    }
}

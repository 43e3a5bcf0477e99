package io.outpost.relay.queue;

import io.outpost.relay.config.RelayConfiguration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The server's one {@link QueueCommits}, shared by intake and delivery: one sync then serves both committers' batches
 * ({@link DiskSync}).
 */
@ApplicationScoped
public class QueueCommitsProducer {

    @Inject
    private RelayConfiguration config;

    // The persistence unit's own data source (persistence.xml): the same database, outside JPA. Unshareable: the
    // committers' threads live as long as the server, and each transaction here must have a connection of its own.
    @Resource(lookup = "jdbc/outpost", shareable = false)
    private DataSource dataSource;

    @Produces
    @Singleton
    QueueCommits commits() {
        return new QueueCommits(
                dataSource, config.databaseKind(), config.nodeId(), config.deliveryLease(), Clock.systemUTC());
    }
}

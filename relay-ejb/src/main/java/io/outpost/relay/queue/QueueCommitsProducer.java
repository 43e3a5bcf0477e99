package io.outpost.relay.queue;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.suppression.SoftBounces;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The server's one {@link QueueCommits}, shared by intake and delivery: one sync then serves both committers' batches
 * ({@link DiskSync}), and one {@link EventPublisher} publishes what both commit.
 */
@ApplicationScoped
public class QueueCommitsProducer {

    private static final Logger LOG = Logger.getLogger(QueueCommitsProducer.class.getName());

    @Inject
    private RelayConfiguration config;

    // The persistence unit's own data source (persistence.xml): the same database, outside JPA. Unshareable: the
    // committers' threads live as long as the server, and each transaction here must have a connection of its own.
    @Resource(lookup = "jdbc/outpost", shareable = false)
    private DataSource dataSource;

    @Resource(lookup = "concurrent/outpost/deliveryThreads")
    private ManagedThreadFactory threads;

    private EventPublisher publisher;

    /**
     * What a crash left unpublished is published first (messages received within this of the newest one listed, see
     * {@link QueueCommits#publishUnpublished}); then everything committed is published just after its commit.
     */
    private static final Duration REPAIR_WINDOW = Duration.ofMinutes(10);

    @Produces
    @Singleton
    QueueCommits commits() {
        QueueCommits commits = new QueueCommits(
                dataSource, config.databaseKind(), config.nodeId(), config.deliveryLease(), Clock.systemUTC());
        try {
            int unpublished = commits.publishUnpublished(REPAIR_WINDOW);
            if (unpublished > 0) {
                LOG.info(() -> unpublished + " messages and events committed before the last stop were published");
            }
        } catch (RuntimeException e) {
            // The listing and the stream lag behind; mail must not: the relay starts all the same.
            LOG.log(Level.WARNING, "messages and events left unpublished before the last stop stay so", e);
        }
        commits.countSoftBounces(new SoftBounces(config.softBounceRule(), config.databaseKind()));
        publisher = new EventPublisher(commits::publish, threads);
        commits.publishAfterCommits(publisher);
        return commits;
    }

    /** Publishes what is waiting before the server stops. */
    @PreDestroy
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
    }
}

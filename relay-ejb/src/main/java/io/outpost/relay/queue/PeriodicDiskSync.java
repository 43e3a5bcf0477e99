package io.outpost.relay.queue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs the embedded database to disk every second, whatever wrote to it. New mail and delivery outcomes are synced
 * before anyone hears of them ({@link QueueCommits}); everything else (claims, the admin API's changes, retention)
 * is written by H2's background writer and synced here.
 *
 * <p>Why it is needed beyond that: H2 may overwrite the space of a superseded chunk once it has been unused for its
 * {@code RETENTION_TIME}, on the assumption that the newer chunks are on disk by then. Outpost's default sets that time
 * to 10 s instead of H2's 45 s (so the file does not grow by 45 s of writes under load: docs/performance.md), and this
 * sync every second keeps the assumption true. On PostgreSQL {@link QueueCommits#syncToDisk()} does nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeriodicDiskSync {

    private static final Logger LOG = Logger.getLogger(PeriodicDiskSync.class.getName());

    static final Duration INTERVAL = Duration.ofSeconds(1);

    @Resource
    private TimerService timers;

    @Inject
    private QueueCommits commits;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(
                INTERVAL.toMillis(), INTERVAL.toMillis(), new TimerConfig("outpost-disk-sync", false));
    }

    @Timeout
    void sync() {
        try {
            commits.syncToDisk();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "periodic sync of the database to disk failed; the next tick tries again", e);
        }
    }
}

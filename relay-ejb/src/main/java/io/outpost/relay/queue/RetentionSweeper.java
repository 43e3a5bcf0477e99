package io.outpost.relay.queue;

import io.outpost.relay.config.RelayConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the retention settings ({@link QueueRetention}) on an EJB timer: purges the content of messages done long
 * enough, then deletes the rows of those purged long enough, one batch per transaction, oldest first.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Each batch is a transaction of its own (QueueStore): a sweep of millions of rows never holds one long transaction.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());

    private static final Duration TICK = Duration.ofMinutes(10);

    /** Batches of each kind per tick at most, so one tick stays short; the next goes on where it stopped. */
    private static final int MAX_BATCHES = 200;

    @Resource
    private TimerService timers;

    @EJB
    private QueueStore queue;

    @Inject
    private RelayConfiguration config;

    private QueueRetention retention;
    private Duration idempotencyWindow;
    private Duration softBounceWindow;

    @PostConstruct
    void start() {
        retention = config.retention();
        idempotencyWindow = config.httpIdempotencyWindow();
        softBounceWindow = config.softBounceRule().window();
        timers.createIntervalTimer(
                Duration.ofMinutes(1).toMillis(), TICK.toMillis(), new TimerConfig("outpost-retention", false));
        LOG.info(() -> "retention: content " + retention.content() + " after delivery, records " + retention.records()
                + " after that, " + retention.batch() + " messages per transaction");
    }

    @Timeout
    void sweep() {
        try {
            int purged = drain(queue::purgeContent);
            int deleted = drain(queue::deleteRecords);
            drain(queue::deleteListEvents);
            // A count whose last bounce is older than the window starts again at one anyway: it need not be kept.
            queue.forgetSoftBouncesBefore(Instant.now().minus(softBounceWindow));
            drain(unused -> queue.forgetIdempotencyKeys(idempotencyWindow, retention.batch()));
            if (purged + deleted > 0) {
                LOG.info(
                        () -> "retention: content of " + purged + " messages purged, " + deleted + " messages deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention sweep failed; the next tick tries again", e);
        }
    }

    private int drain(ToIntFunction<QueueRetention> batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int done = batch.applyAsInt(retention);
            total += done;
            if (done < retention.batch()) {
                break;
            }
        }
        return total;
    }
}

package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives delivery. New mail is handed over the moment its commit returns ({@link #dispatch}); an EJB timer claims
 * what else is due — retries, and whatever a stopped or crashed node left behind — in batches, as long as the bounded
 * pool of managed workers has room. Each message's claimed recipients become one {@link DeliveryAttempt}.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Dispatching is called once per accepted message: a container transaction around it would be pure overhead (a
// profile showed it as the largest CPU cost of the intake path). The queue's own methods start theirs.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class.getName());

    @Resource
    private TimerService timers;

    @Resource(lookup = "concurrent/outpost/deliveryThreads")
    private ManagedThreadFactory threads;

    @EJB
    private QueueStore queue;

    @Inject
    private RelayConfiguration config;

    @Inject
    private DomainKeys keys;

    @Inject
    private SigningProfiles signingProfiles;

    private ThreadPoolExecutor workers;
    private OutboundSmtp outbound;
    private AttemptRecorder recorder;
    private GroupCommitter<AttemptRecord, List<StoredMessage>> outcomes;
    private int claimBatch;
    private ReturnPathToken returnPaths;

    @PostConstruct
    void start() {
        claimBatch = config.deliveryClaimBatch();
        returnPaths = new ReturnPathToken(keys.dataKey().derive("return-path"));
        int size = config.deliveryWorkers();
        workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        outbound = new OutboundSmtp(outboundSettings(), resolver(), TransportMap.parse(config.deliveryTransportMap()));
        recorder = new AttemptRecorder(
                new RetryPolicy(config.retryInitial(), config.retryFactor(), config.retryMax(), config.retryLifetime()),
                new DsnBuilder(Domain.of(config.hostname()), Clock.systemUTC()),
                Clock.systemUTC(),
                new NotificationSigning(signingProfiles::find));
        outcomes = new GroupCommitter<>(
                "outcomes", config.queueCommitBatch(), this::recordBatch, queue::syncToDisk, threads);
        int released = queue.releaseClaimsOfThisNode();
        if (released > 0) {
            LOG.info(() -> released + " recipients claimed before the last stop are due again");
        }
        long interval = config.deliveryPollInterval().toMillis();
        timers.createIntervalTimer(0, interval, new TimerConfig("outpost-delivery-poll", false));
        LOG.info(() -> "delivery: " + size + " workers, polling every " + interval + " ms, port "
                + config.deliveryPort() + ", transport map " + config.deliveryTransportMap());
    }

    private OutboundSettings outboundSettings() {
        return OutboundSettings.defaults(config.hostname())
                .withPort(config.deliveryPort())
                .withTimeouts(config.deliveryConnectTimeout(), config.deliveryReadTimeout())
                .withMaxConnectionsPerDestination(config.deliveryConnectionsPerDestination());
    }

    private MxResolver resolver() {
        return new MxResolver(config.deliveryDnsServers(), config.deliveryDnsTimeout(), new SecureRandom());
    }

    /** Starts the first attempt on a message just committed, with the bytes already in memory. Never blocks. */
    public void dispatch(StoredMessage stored) {
        workers.execute(new DeliveryAttempt(
                stored.messageId(), stored::message, stored.claims(), outbound, recorder, outcomes, this, returnPaths));
    }

    /** Starts an attempt for each message among these claims, reading it from the queue. Never blocks. */
    public void dispatch(List<Claim> claims) {
        Map<Long, List<Claim>> byMessage = new LinkedHashMap<>();
        for (Claim claim : claims) {
            byMessage
                    .computeIfAbsent(claim.messageId(), id -> new ArrayList<>())
                    .add(claim);
        }
        byMessage.forEach((messageId, messageClaims) -> workers.execute(new DeliveryAttempt(
                messageId,
                () -> queue.load(messageId),
                messageClaims,
                outbound,
                recorder,
                outcomes,
                this,
                returnPaths)));
    }

    /**
     * Claims due recipients while the workers have room, batch after batch, so a backlog (after a restart, or retries
     * coming due together) drains at full speed instead of one batch per tick.
     */
    @Timeout
    void poll(Timer timer) {
        try {
            while (workers.getQueue().size() < workers.getMaximumPoolSize()) {
                List<Claim> claims = queue.claimDue(claimBatch);
                dispatch(claims);
                if (claims.size() < claimBatch) {
                    break;
                }
            }
            outbound.closeIdleConnections();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming due recipients failed; next tick tries again", e);
        }
    }

    private List<List<StoredMessage>> recordBatch(List<AttemptRecord> batch) {
        List<StoredMessage> stored = queue.record(
                batch.stream().flatMap(r -> r.updates().stream()).toList(),
                batch.stream().flatMap(r -> r.notification().stream()).toList());
        // store() keeps the order of the notifications it was given: hand each attempt back its own.
        Iterator<StoredMessage> next = stored.iterator();
        return batch.stream()
                .map(r -> r.notification().isPresent() ? List.of(next.next()) : List.<StoredMessage>of())
                .toList();
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        outcomes.close();
        outbound.close();
    }
}

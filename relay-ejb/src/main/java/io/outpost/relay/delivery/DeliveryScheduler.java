package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.AttemptRecord;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.MessageForDelivery;
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
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives delivery. New mail is handed over the moment its commit returns ({@link #dispatch}); an EJB timer claims
 * what else is due — retries, whatever the workers had no room for, and whatever a stopped or crashed node left
 * behind — in batches, as long as the bounded pool of managed workers has room, and renews the leases of attempts
 * still waiting or running. Each message's claimed recipients become one {@link DeliveryAttempt}.
 */
@Singleton
@Startup
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

    private AttemptWorkers workers;
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
        workers = new AttemptWorkers(size, threads, leases(), config.deliveryLease(), Clock.systemUTC());
        outbound = new OutboundSmtp(outboundSettings(), resolver(), TransportMap.parse(config.deliveryTransportMap()));
        recorder = new AttemptRecorder(
                new RetryPolicy(config.retryInitial(), config.retryFactor(), config.retryMax(), config.retryLifetime()),
                new DsnBuilder(Domain.of(config.hostname()), Clock.systemUTC()),
                Clock.systemUTC(),
                new NotificationSigning(signingProfiles::find));
        outcomes = new GroupCommitter<>("outcomes", config.queueCommitBatch(), queue::record, threads);
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

    private AttemptWorkers.Leases leases() {
        return new AttemptWorkers.Leases() {
            @Override
            public void renew(List<Claim> claims) {
                queue.renew(claims);
            }

            @Override
            public void release(List<Claim> claims) {
                queue.release(claims);
            }
        };
    }

    private MxResolver resolver() {
        List<InetSocketAddress> listening = new ArrayList<>();
        listening.add(config.smtpBindAddress());
        config.smtpImplicitTlsAddress().ifPresent(listening::add);
        return new MxResolver(
                config.deliveryDnsServers(),
                config.deliveryDnsTimeout(),
                new SecureRandom(),
                config.deliveryAllowPrivateAddresses(),
                OwnIdentity.of(List.of(config.hostname()), listening, config.deliveryPort()));
    }

    /**
     * Starts the first attempt on a message just committed, with the bytes already in memory. Never blocks and never
     * throws: when the workers are full or stopped, the recipients go back to the queue, due at once.
     */
    public void dispatch(StoredMessage stored) {
        workers.submit(stored.claims(), attempt(stored.messageId(), stored::message, stored.claims()));
    }

    /** Starts an attempt for each message among these claims, reading it from the queue. Never blocks or throws. */
    public void dispatch(List<Claim> claims) {
        Map<Long, List<Claim>> byMessage = new LinkedHashMap<>();
        for (Claim claim : claims) {
            byMessage
                    .computeIfAbsent(claim.messageId(), id -> new ArrayList<>())
                    .add(claim);
        }
        byMessage.forEach((messageId, messageClaims) ->
                workers.submit(messageClaims, attempt(messageId, () -> queue.load(messageId), messageClaims)));
    }

    private DeliveryAttempt attempt(long messageId, Supplier<MessageForDelivery> message, List<Claim> claims) {
        return new DeliveryAttempt(
                messageId, message, claims, outbound, recorder, outcomes, this::dispatch, returnPaths);
    }

    /**
     * Renews the leases of attempts in hand, then claims due recipients while the workers have room, batch after
     * batch, so a backlog (after a restart, or retries coming due together) drains at full speed instead of one batch
     * per tick — and no faster than the workers take it.
     */
    @Timeout
    void poll(Timer timer) {
        try {
            workers.renewLeases();
            int room;
            while ((room = workers.room()) > 0) {
                int limit = Math.min(claimBatch, room);
                List<Claim> claims = queue.claimDue(limit);
                dispatch(claims);
                if (claims.size() < limit) {
                    break;
                }
            }
            outbound.closeIdleConnections();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming due recipients failed; next tick tries again", e);
        }
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        workers.stop(Duration.ofSeconds(10));
        outcomes.close();
        outbound.close();
    }
}

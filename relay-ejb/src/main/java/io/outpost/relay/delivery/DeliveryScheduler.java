package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.relay.blocklist.BlocklistWatch;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.reputation.ReputationWatch;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfile;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.tenant.Sandbox;
import io.outpost.relay.tracking.LinkBase;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import io.outpost.relay.unsubscribe.UnsubscribeToken;
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
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives delivery. New mail is handed over the moment its commit returns ({@link #firstAttempts}); an EJB timer claims
 * what else is due — retries, whatever the workers had no room for, and whatever a stopped or crashed node left
 * behind — in batches, as long as the bounded pool of managed workers has room, and renews the leases of attempts
 * still waiting or running. Each message's claimed recipients become one {@link DeliveryAttempt}.
 */
@Singleton
@Startup
@DependsOn({"SchemaUpgrade", "PluginHost", "BlocklistWatch", "ReputationWatch"})
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

    @EJB
    private PluginHost plugins;

    @EJB
    private BlocklistWatch blocklists;

    @EJB
    private ReputationWatch reputation;

    @Inject
    private Sandbox sandbox;

    @Inject
    private QueueCommits commits;

    @Inject
    private RelayConfiguration config;

    @Inject
    private DomainKeys keys;

    @Inject
    private SigningProfiles signingProfiles;

    private Dispatcher dispatcher;

    @PostConstruct
    void start() {
        int size = config.deliveryWorkers();
        OutboundSmtp outbound =
                new OutboundSmtp(outboundSettings(), resolver(), TransportMap.parse(config.deliveryTransportMap()));
        AttemptRecorder recorder = new AttemptRecorder(
                new RetryPolicy(config.retryInitial(), config.retryFactor(), config.retryMax(), config.retryLifetime()),
                new DsnBuilder(Domain.of(config.hostname()), Clock.systemUTC()),
                Clock.systemUTC(),
                new NotificationSigning(signingProfiles::find),
                config.bounceRules());
        dispatcher = new Dispatcher(
                queue,
                commits,
                outbound,
                recorder,
                new ReturnPathToken(keys.dataKey().derive(ReturnPathToken.KEY_PURPOSE)),
                new PreDeliveryChecks(
                        plugins.suppression(), blocklists.pause(), reputation.active()::reply, sandbox::captures),
                new RecipientCopies(
                        new ListUnsubscribe(
                                new UnsubscribeToken(keys.dataKey().derive(UnsubscribeToken.KEY_PURPOSE)),
                                new LinkBase(
                                        config.trackingBaseUrl(),
                                        domain -> signingProfiles.find(domain).flatMap(SigningProfile::trackingHost)),
                                new ReturnPathToken(keys.dataKey().derive(ReturnPathToken.KEY_PURPOSE))),
                        new OutboundAuthentication(
                                signingProfiles::find, new DkimSigner(), new MinimalPublicSuffixes())),
                new Dispatcher.Sizes(size, config.deliveryClaimBatch(), config.queueCommitBatch()),
                config.deliveryLease(),
                threads,
                Clock.systemUTC());
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
        List<InetSocketAddress> listening = new ArrayList<>();
        listening.add(config.smtpBindAddress());
        config.smtpImplicitTlsAddress().ifPresent(listening::add);
        return new MxResolver(
                config.deliveryDnsServers(),
                config.deliveryDnsTimeout(),
                new SecureRandom(),
                config.deliveryAllowPrivateAddresses(),
                OwnIdentity.of(
                        List.of(config.hostname(), config.domainsBounceMxHost().ascii()),
                        listening,
                        config.deliveryPort()));
    }

    /**
     * Where intake hands each message it has just committed, to start its first attempt with the bytes already in
     * memory. Never blocks and never throws: when the workers are full or stopped, the recipients go back to the queue,
     * due at once. A plain call, not a business method of this bean: it runs once per message on the session's thread,
     * where an EJB invocation and its interceptors cost a tenth of that thread's CPU (docs/performance.md).
     */
    public Consumer<StoredMessage> firstAttempts() {
        return dispatcher::dispatch;
    }

    /** Renews the leases of attempts in hand and claims due recipients while the workers have room. */
    @Timeout
    void poll(Timer timer) {
        try {
            dispatcher.poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming due recipients failed; next tick tries again", e);
        }
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        dispatcher.stop(Duration.ofSeconds(10));
    }
}

package io.outpost.relay.blocklist;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.MonitoredTarget;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.plugin.BlocklistChecks;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.sending.DomainStore;
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
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Looks up every outbound address ({@code outpost.domains.outbound-addresses}) and every sending domain in the
 * blocklists, once per {@code outpost.blocklist.interval}, through every enabled monitor ({@code
 * outpost.plugins.blocklist}). Each answer is recorded ({@link BlocklistStore}): a listing or delisting is an event, and
 * while a sending domain or an outbound address is listed, bulk mail from it waits ({@link BulkPause}, unless {@code
 * outpost.blocklist.pause-bulk} is off). Every node runs its own rounds; the store records each change once.
 */
@Singleton
@Startup
@DependsOn({"SchemaUpgrade", "PluginHost"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlocklistWatch {

    private static final Logger LOG = Logger.getLogger(BlocklistWatch.class.getName());

    /** The first round comes this long after the start at most, so a restart does not wait a whole interval. */
    private static final Duration FIRST_ROUND = Duration.ofSeconds(10);

    @Resource
    private TimerService timers;

    @EJB
    private PluginHost plugins;

    @EJB
    private BlocklistStore store;

    @EJB
    private DomainStore domains;

    @Inject
    private RelayConfiguration config;

    private final ReentrantLock round = new ReentrantLock();
    private volatile BulkPause pause = BulkPause.NONE;
    private boolean pausesBulk;
    private List<InetAddress> outboundAddresses;

    @PostConstruct
    void start() {
        pausesBulk = config.blocklistPausesBulk();
        outboundAddresses = config.domainsOutboundAddresses();
        Duration interval = config.blocklistInterval();
        refreshPause();
        BlocklistChecks checks = plugins.blocklist();
        if (checks.monitors().isEmpty()) {
            LOG.info("blocklists: no monitor enabled (outpost.plugins.blocklist), nothing is watched");
            return;
        }
        long first = Math.min(interval.toMillis(), FIRST_ROUND.toMillis());
        timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig("outpost-blocklist-watch", false));
        LOG.info(() -> "blocklists: " + outboundAddresses.size() + " outbound address(es) and every sending domain"
                + " looked up every " + interval + " by "
                + checks.monitors().stream().map(m -> m.name()).toList()
                + (pausesBulk ? "; bulk mail waits while its domain or an outbound address is listed" : ""));
    }

    /** The current pause of bulk mail, read by delivery before each attempt. */
    public Supplier<BulkPause> pause() {
        return () -> pause;
    }

    @Timeout
    void timedRound() {
        // A round slower than the interval is not overlapped by the next: that one is skipped.
        if (round.tryLock()) {
            try {
                checkAll();
            } finally {
                round.unlock();
            }
        }
    }

    /** Looks up every target now, as a timed round does, and waits for it (the admin API's "check now"). */
    public void checkNow() {
        round.lock();
        try {
            checkAll();
        } finally {
            round.unlock();
        }
    }

    private void checkAll() {
        List<MonitoredTarget> targets = new ArrayList<>();
        outboundAddresses.forEach(address -> targets.add(new MonitoredTarget.SendingIp(address)));
        try {
            domains.allDomainNames().forEach(domain -> targets.add(new MonitoredTarget.SendingDomain(domain)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "blocklists: the sending domains could not be read; only addresses are checked", e);
        }
        for (MonitoredTarget target : targets) {
            for (BlocklistChecks.Result result : plugins.blocklist().check(target)) {
                record(result);
            }
        }
        refreshPause();
    }

    private void record(BlocklistChecks.Result result) {
        Optional<BlocklistEvent.Kind> change;
        try {
            change = store.record(result.monitor(), result.status(), result.failure());
        } catch (RuntimeException first) {
            // Two nodes that check a new target at once both insert its first status; the second insert fails on the
            // key, and the same answer recorded again now finds the row.
            try {
                change = store.record(result.monitor(), result.status(), result.failure());
            } catch (RuntimeException e) {
                e.addSuppressed(first);
                LOG.log(
                        Level.WARNING,
                        "blocklists: the status of " + result.status().target() + " was not recorded",
                        e);
                return;
            }
        }
        change.ifPresent(kind ->
                LOG.warning(() -> "blocklists: " + result.status().target() + " " + kind + " by " + result.monitor()
                        + (kind == BlocklistEvent.Kind.LISTED ? " on " + lists(result.status()) : "")));
    }

    private static String lists(BlocklistStatus status) {
        return status.listings().stream().map(BlocklistStatus.Listing::list).collect(Collectors.joining(", "));
    }

    // From the store, so every node pauses what any node found listed; only addresses still configured count.
    private void refreshPause() {
        if (!pausesBulk) {
            return;
        }
        try {
            Set<String> configured =
                    outboundAddresses.stream().map(InetAddress::getHostAddress).collect(Collectors.toSet());
            // A domain removed since its listing sends nothing and is no longer checked: its last status must not
            // pause anything, should the domain come back.
            Set<Domain> current = Set.copyOf(domains.allDomainNames());
            Map<String, List<String>> addresses = new LinkedHashMap<>();
            Map<Domain, List<String>> listedDomains = new LinkedHashMap<>();
            for (BlocklistEntry entry : store.entries()) {
                if (entry.state() != BlocklistStatus.State.LISTED) {
                    continue;
                }
                List<String> lists = entry.listings().stream()
                        .map(BlocklistStatus.Listing::list)
                        .toList();
                if (configured.contains(entry.target())) {
                    addresses
                            .computeIfAbsent(entry.target(), t -> new ArrayList<>())
                            .addAll(lists);
                } else if (!entry.target().contains(":") && !entry.target().matches("[0-9.]+")) {
                    Domain domain = Domain.of(entry.target());
                    if (current.contains(domain)) {
                        listedDomains
                                .computeIfAbsent(domain, d -> new ArrayList<>())
                                .addAll(lists);
                    }
                }
            }
            pause = new BulkPause(addresses, listedDomains);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "blocklists: the statuses could not be read; the pause stays as it was", e);
        }
    }
}

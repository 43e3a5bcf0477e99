package io.outpost.relay.sending;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dnsauth.DmarcLookup;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.dnsauth.SpfEvaluator;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks every sending domain's records in DNS: each domain once per check interval (a new one within a minute), and
 * one on demand. The DNS work runs outside any transaction; only the results are written, by {@link DomainStore}.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DomainChecks {

    private static final Logger LOG = Logger.getLogger(DomainChecks.class.getName());

    /** Longest pause between looks for due domains, so a new domain is checked soon after it is added. */
    private static final Duration MAX_TICK = Duration.ofMinutes(1);

    /** Domains checked per tick at most; the rest wait for the next tick. */
    private static final int BATCH = 50;

    @Resource
    private TimerService timers;

    // Each domain's records are looked up side by side, so one unanswered name costs one DNS timeout, not one each.
    @Resource
    private ManagedExecutorService lookups;

    @EJB
    private DomainStore store;

    @Inject
    private RelayConfiguration config;

    @Inject
    private DomainKeys keys;

    private DomainVerifier verifier;
    private DomainEventRetention eventRetention;
    private Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final Object[] locks = newLocks(64);

    private static Object[] newLocks(int count) {
        Object[] locks = new Object[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    @PostConstruct
    void start() {
        DnsLookups dns = new DnsLookups(config.deliveryDnsServers(), config.deliveryDnsTimeout());
        verifier = new DomainVerifier(
                dns, new SpfEvaluator(dns), new DmarcLookup(dns, new MinimalPublicSuffixes()), lookups);
        interval = config.domainsCheckInterval();
        eventRetention = config.domainEventRetention();
        long tick = Math.min(interval.toMillis(), MAX_TICK.toMillis());
        timers.createIntervalTimer(tick, tick, new TimerConfig("outpost-domain-checks", false));
        LOG.info(() -> "sending domains checked in DNS every " + interval);
        warnOfAnotherDataKey();
    }

    /** Checks the domain now and returns what was found; empty if it was removed meanwhile. */
    public Optional<SendingDomainView> check(long domainId) {
        // One check of a domain at a time on this node: the timer and an on-demand check would otherwise both insert
        // the domain's first results.
        synchronized (locks[(int) Math.floorMod(domainId, (long) locks.length)]) {
            return store.expectations(domainId)
                    .flatMap(expected -> store.recordCheck(domainId, verifier.check(expected)));
        }
    }

    /**
     * A data key file lost or not shared between nodes makes the stored DKIM keys unreadable; say so once, loudly, at
     * start-up rather than only in each deferred message's log line.
     */
    private void warnOfAnotherDataKey() {
        String current = keys.dataKey().id();
        List<String> others =
                store.sealingKeyIds().stream().filter(id -> !id.equals(current)).toList();
        if (!others.isEmpty()) {
            LOG.severe(() -> "DKIM keys in the database were sealed with data key(s) " + others + ", but "
                    + config.dataKeyFile() + " holds key " + current + ": mail from those domains is deferred"
                    + " (451 4.3.0) until that key file is restored, or the domains are rotated (docs/domains.md)");
        }
    }

    @Timeout
    void tick() {
        checkDue();
        forgetOldEvents();
    }

    private void checkDue() {
        List<Long> due;
        try {
            due = store.dueForCheck(clock.instant().minus(interval), BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "finding sending domains due for a check failed; the next tick tries again", e);
            return;
        }
        for (long id : due) {
            try {
                check(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking sending domain " + id + " failed; the next tick tries again", e);
            }
        }
    }

    // Retention (outpost.retention.records): one bounded batch of old events per tick is far more than domains make.
    private void forgetOldEvents() {
        try {
            int deleted = store.deleteOldEvents(eventRetention);
            if (deleted > 0) {
                LOG.fine(() -> "retention: " + deleted + " sending-domain events deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting old sending-domain events failed; the next tick tries again", e);
        }
    }
}

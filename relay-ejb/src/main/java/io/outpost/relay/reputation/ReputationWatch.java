package io.outpost.relay.reputation;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.ListEvent;
import io.outpost.relay.queue.QueueCommits;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Watches each sending domain's complaint and hard-bounce rates ({@link DomainRates}) and pauses its bulk mail when one
 * passes its threshold ({@code outpost.reputation.*}): receivers throttle, then refuse, a sender whose recipients
 * complain, and every message sent meanwhile makes it worse. Paused bulk mail waits in the queue (deferred with the
 * reason) until an administrator resumes the domain; transactional mail still goes. Every node checks on its own timer
 * and reads the pauses of all, so a pause holds cluster-wide within one interval.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReputationWatch {

    private static final Logger LOG = Logger.getLogger(ReputationWatch.class.getName());

    @Resource
    private TimerService timers;

    @Resource(lookup = "jdbc/outpost")
    private DataSource dataSource;

    @Inject
    private RelayConfiguration config;

    @Inject
    private QueueCommits commits;

    private final Clock clock = Clock.systemUTC();
    private final ActivePauses active = new ActivePauses();
    private RateThresholds thresholds;

    @PostConstruct
    void start() {
        thresholds = config.reputationThresholds();
        long interval = config.reputationCheckInterval().toMillis();
        timers.createIntervalTimer(0, interval, new TimerConfig("outpost-reputation-watch", false));
        LOG.info(() ->
                "reputation: bulk mail of a domain pauses past " + thresholds + ", checked every " + interval + " ms");
    }

    /** Checks the rates and reads every node's pauses; never at the same time as a resume on this node. */
    @Timeout
    synchronized void check(Timer timer) {
        List<Long> announced = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (DomainRates rates : RatePauses.rates(connection, clock.instant(), thresholds.windowDays())) {
                    Optional<String> reason = rates.pauseReason(thresholds);
                    if (reason.isPresent() && RatePauses.pause(connection, rates, reason.get(), clock.instant())) {
                        announced.addAll(commits.writeListEvents(
                                connection,
                                List.of(event(
                                        rates.tenant(),
                                        EventKind.BULK_PAUSED,
                                        rates.domain(),
                                        "bulk mail of " + rates.domain() + " paused: " + reason.get()))));
                        LOG.warning(() -> "bulk mail of " + rates.domain() + " (tenant " + rates.tenant() + ") paused: "
                                + reason.get());
                    }
                }
                Map<ActivePauses.Key, String> reasons = new HashMap<>();
                for (RatePause pause : RatePauses.all(connection, Optional.empty())) {
                    if (pause.active()) {
                        reasons.put(new ActivePauses.Key(pause.tenant(), pause.domain()), pause.reason());
                    }
                }
                connection.commit();
                commits.publishCommitted(announced);
                active.replace(reasons);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "reputation check failed; the next tick tries again", e);
        }
    }

    /**
     * The tenant's domain's counts over the window, when it had a complaint or a hard bounce in it; empty when it had
     * neither (its rates are zero).
     */
    public Optional<DomainRates> rates(TenantId tenant, String domain) {
        try (Connection connection = dataSource.getConnection()) {
            return RatePauses.rates(connection, clock.instant(), thresholds.windowDays()).stream()
                    .filter(rates ->
                            rates.tenant().equals(tenant) && rates.domain().equals(domain))
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("domain rates not read", e);
        }
    }

    /** The pauses in force, for delivery to ask before each attempt without a container call. */
    public ActivePauses active() {
        return active;
    }

    /** Every pause, active or resumed, of {@code tenant} or (empty) of all tenants. */
    public List<RatePause> pauses(Optional<TenantId> tenant) {
        try (Connection connection = dataSource.getConnection()) {
            return RatePauses.all(connection, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("bulk pauses not read", e);
        }
    }

    /** Resumes a domain's bulk mail on every node within one interval (this one at once); false if none was paused. */
    public synchronized boolean resume(TenantId tenant, String domain, String by) {
        boolean resumed;
        String name = domain.toLowerCase(Locale.ROOT);
        List<Long> announced = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                resumed = RatePauses.resume(connection, tenant, name, by, clock.instant());
                if (resumed) {
                    announced.addAll(commits.writeListEvents(
                            connection,
                            List.of(event(
                                    tenant,
                                    EventKind.BULK_RESUMED,
                                    name,
                                    "bulk mail of " + name + " resumed by " + by))));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk pause of " + domain + " not resumed", e);
        }
        commits.publishCommitted(announced);
        if (resumed) {
            Map<ActivePauses.Key, String> reasons = new HashMap<>(active.current());
            reasons.remove(new ActivePauses.Key(tenant, domain.toLowerCase(Locale.ROOT)));
            active.replace(reasons);
            LOG.info(() -> "bulk mail of " + domain + " (tenant " + tenant + ") resumed by " + by);
        }
        return resumed;
    }

    private static ListEvent event(TenantId tenant, EventKind kind, String domain, String detail) {
        return new ListEvent(tenant, OptionalLong.empty(), kind, Optional.of(domain), detail);
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
    }
}

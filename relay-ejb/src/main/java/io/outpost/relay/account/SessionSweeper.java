package io.outpost.relay.account;

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
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Deletes the rows of sessions (tenant users' and operators') that have ended, every hour: an ended session opens nothing, but need not be kept. */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionSweeper {

    private static final Logger LOG = Logger.getLogger(SessionSweeper.class.getName());
    private static final Duration EVERY = Duration.ofHours(1);

    @Resource
    private TimerService timers;

    @EJB
    private AccountStore accounts;

    @EJB
    private OperatorSessions operators;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(EVERY.toMillis(), EVERY.toMillis(), new TimerConfig("outpost-session-sweep", false));
    }

    @Timeout
    void sweep() {
        try {
            int gone = accounts.forgetEndedSessions() + operators.forgetEnded();
            LOG.fine(() -> gone + " ended sessions forgotten");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ended sessions not forgotten; the next hour tries again", e);
        }
    }
}

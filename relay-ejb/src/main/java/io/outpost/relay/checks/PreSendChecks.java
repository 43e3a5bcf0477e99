package io.outpost.relay.checks;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every {@link PreSendCheck} on a message; the one place the UI, the API and a campaign's start ask. The checks run
 * side by side on the server's managed executor (fetching links and asking spamd take seconds each), all within {@link
 * #TIME_LIMIT}; a check still running then, or one that throws, says {@link CheckVerdict#WARN}: it could not decide.
 */
@ApplicationScoped
public class PreSendChecks {

    private static final Logger LOG = Logger.getLogger(PreSendChecks.class.getName());

    /** Longer than the slowest check's own limits (links: 15 s in all; spamd: 10 s). */
    static final Duration TIME_LIMIT = Duration.ofSeconds(25);

    @Inject
    @Any
    private Instance<PreSendCheck> checks;

    @Resource
    private ManagedExecutorService executor;

    public CheckReport run(CheckedMessage message) {
        return run(checks.stream().toList(), executor, TIME_LIMIT, message);
    }

    /** Runs {@code checks} side by side on {@code executor}, each result by {@code limit} or undecided. */
    static CheckReport run(
            List<PreSendCheck> checks, ExecutorService executor, Duration limit, CheckedMessage message) {
        List<PreSendCheck> ordered = checks.stream()
                .sorted(Comparator.comparingInt(PreSendCheck::order))
                .toList();
        List<Future<CheckResult>> running = new ArrayList<>();
        for (PreSendCheck check : ordered) {
            running.add(executor.submit(() -> check.check(message)));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            results.add(outcome(ordered.get(i), running.get(i), deadline, limit));
        }
        return new CheckReport(results);
    }

    private static CheckResult outcome(PreSendCheck check, Future<CheckResult> running, long deadline, Duration limit) {
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return undecided(
                    check,
                    "did not finish within "
                            + String.format(java.util.Locale.ROOT, "%.1f s", limit.toMillis() / 1000.0));
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "pre-send check " + check.getClass().getSimpleName() + " failed", e.getCause());
            return undecided(check, "could not run (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return undecided(check, "was stopped");
        }
    }

    private static CheckResult undecided(PreSendCheck check, String what) {
        // The bean's class, not the container's proxy of it (LinkCheck$Proxy$_$$_WeldClientProxy).
        String name = check.getClass().getSimpleName().replaceAll("\\$.*", "");
        return new CheckResult(
                name,
                name,
                CheckVerdict.WARN,
                "This check " + what + ", so its outcome is unknown.",
                "Run the checks again; if it goes on, tell the operator (the server's log says why).");
    }
}

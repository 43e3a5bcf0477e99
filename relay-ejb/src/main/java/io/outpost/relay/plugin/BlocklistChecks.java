package io.outpost.relay.plugin;

import io.outpost.api.plugin.BlocklistMonitor;
import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.MonitoredTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks every enabled blocklist monitor about one target. Unlike the other phases every monitor is asked: one list's
 * listing does not make another's answer moot. Each call runs on the plugins' bounded pool under its own time limit; a
 * monitor that throws, returns nothing, answers about another target or runs out of time gives UNKNOWN, with why
 * (BlocklistMonitor's contract: the previous status stands).
 */
public final class BlocklistChecks {

    private static final Logger LOG = Logger.getLogger(BlocklistChecks.class.getName());

    /** One monitor's answer, and why it could not tell if it is UNKNOWN. */
    public record Result(String monitor, BlocklistStatus status, String failure) {}

    private final List<BlocklistMonitor> monitors;
    private final Duration timeLimit;
    private final ExecutorService calls;
    private final Clock clock;

    public BlocklistChecks(List<BlocklistMonitor> monitors, Duration timeLimit, ExecutorService calls, Clock clock) {
        this.monitors = List.copyOf(monitors);
        this.timeLimit = timeLimit;
        this.calls = calls;
        this.clock = clock;
    }

    /** The monitors, in the operator's order. */
    public List<BlocklistMonitor> monitors() {
        return monitors;
    }

    /** Each monitor's answer about {@code target}, in order. */
    public List<Result> check(MonitoredTarget target) {
        List<Result> results = new ArrayList<>(monitors.size());
        for (BlocklistMonitor monitor : monitors) {
            results.add(checkOne(monitor, target));
        }
        return results;
    }

    private Result checkOne(BlocklistMonitor monitor, MonitoredTarget target) {
        Future<BlocklistStatus> call;
        try {
            call = calls.submit(() -> monitor.check(target));
        } catch (RejectedExecutionException e) {
            return unknown(monitor, target, "could not be run: every plugin thread is busy", null);
        }
        try {
            BlocklistStatus status = call.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
            if (status == null || !status.target().equals(target)) {
                return unknown(monitor, target, "answered about another target, or nothing", null);
            }
            String failure = status.state() == BlocklistStatus.State.UNKNOWN ? "a list could not be asked" : "";
            return new Result(monitor.name(), status, failure);
        } catch (TimeoutException e) {
            call.cancel(true);
            return unknown(monitor, target, "exceeded its time limit of " + timeLimit, null);
        } catch (ExecutionException e) {
            return unknown(monitor, target, "threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return unknown(monitor, target, "was interrupted", e);
        }
    }

    private Result unknown(BlocklistMonitor monitor, MonitoredTarget target, String what, Throwable cause) {
        String failure = "blocklist monitor " + monitor.name() + " " + what;
        LOG.log(Level.WARNING, failure + " (target " + target + ")", cause);
        return new Result(monitor.name(), BlocklistStatus.unknown(target, clock.instant()), failure);
    }
}

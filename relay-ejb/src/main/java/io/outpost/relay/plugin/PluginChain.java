package io.outpost.relay.plugin;

import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the enabled plugins of one type in order: the first result whose verdict is not CONTINUE ends the chain.
 *
 * <p>Each call of a plugin from a jar runs on the given executor and is waited for at most the time limit; the relay's
 * own rules ({@link InlinePlugin}) run on the caller's thread, as they are asked for every recipient and message. A plugin that throws, returns
 * {@code null} or runs past the limit yields DEFER (the default {@code 451 4.3.0}): the relay fails closed, and the
 * chain stops there. A late call is cancelled with an interrupt; a plugin that ignores interrupts keeps its executor
 * thread busy until it returns, so the executor should be bounded and owned by the caller (in the EJB layer a managed
 * executor), never one made per call. Every call, CONTINUE included, is recorded as a {@link PluginDecision} in the
 * sink.
 *
 * <p>Thread-safe: one chain serves all sessions.
 *
 * @param <P> the plugin type
 * @param <R> what the plugin returns, from which the chain reads the {@link Verdict}
 */
public final class PluginChain<P extends Plugin, R> {

    private static final Logger LOG = Logger.getLogger(PluginChain.class.getName());

    private final PluginPhase phase;
    private final List<P> plugins;
    private final Duration timeLimit;
    private final ExecutorService executor;
    private final Function<? super R, Verdict> verdictOf;
    private final Function<Verdict, ? extends R> resultOf;
    private final Consumer<PluginDecision> sink;
    private final Clock clock;
    private final Predicate<? super P> relaysOwn;

    /**
     * @param phase recorded with every decision
     * @param plugins in the order to call them
     * @param timeLimit for each single call
     * @param executor runs the calls; owned by the caller, who shuts it down
     * @param verdictOf reads the verdict from a plugin's result
     * @param resultOf makes a result from a verdict the chain decides itself (DEFER on a failure, CONTINUE when every
     *     plugin continued)
     * @param sink receives every decision
     * @param clock stamps decisions
     * @param relaysOwn true for the plugins that are the relay's own instances: only those may run inline ({@link
     *     InlinePlugin}) or be mandatory ({@link MandatoryRule}), so a jar cannot claim either to escape the limits
     */
    public PluginChain(
            PluginPhase phase,
            List<P> plugins,
            Duration timeLimit,
            ExecutorService executor,
            Function<? super R, Verdict> verdictOf,
            Function<Verdict, ? extends R> resultOf,
            Consumer<PluginDecision> sink,
            Clock clock,
            Predicate<? super P> relaysOwn) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.plugins = List.copyOf(plugins);
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
        this.executor = Objects.requireNonNull(executor, "executor");
        this.verdictOf = Objects.requireNonNull(verdictOf, "verdictOf");
        this.resultOf = Objects.requireNonNull(resultOf, "resultOf");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.relaysOwn = Objects.requireNonNull(relaysOwn, "relaysOwn");
    }

    /** A chain of authentication checks; a CONTINUE result at the end means the built-in credential store decides. */
    public static PluginChain<AuthenticationCheck, AuthenticationResult> authentication(
            List<AuthenticationCheck> checks,
            Duration timeLimit,
            ExecutorService executor,
            Consumer<PluginDecision> sink,
            Clock clock) {
        return new PluginChain<>(
                PluginPhase.AUTH,
                checks,
                timeLimit,
                executor,
                AuthenticationResult::verdict,
                AuthenticationResult::of,
                sink,
                clock,
                check -> false);
    }

    /**
     * A chain of suppression policies asked at {@code phase} (RCPT or PRE_DELIVERY); CONTINUE at the end: deliver.
     *
     * @param relaysOwn true for the relay's own instances (the built-in {@code suppression-list}), which may run inline
     */
    public static PluginChain<SuppressionPolicy, Verdict> suppression(
            PluginPhase phase,
            List<SuppressionPolicy> policies,
            Duration timeLimit,
            ExecutorService executor,
            Consumer<PluginDecision> sink,
            Clock clock,
            Predicate<? super SuppressionPolicy> relaysOwn) {
        return new PluginChain<>(
                phase, policies, timeLimit, executor, Function.identity(), Function.identity(), sink, clock, relaysOwn);
    }

    /** True if {@code plugin} is one of the relay's own mandatory rules, asked even after an ACCEPT. */
    boolean isMandatory(P plugin) {
        return plugin instanceof MandatoryRule && relaysOwn.test(plugin);
    }

    /** The plugins in the order they are called. */
    public List<P> plugins() {
        return plugins;
    }

    /**
     * Calls {@code call} on each plugin in order until one returns a result that is not CONTINUE, and returns that
     * result; a DEFER result if a plugin failed or ran too long; or a CONTINUE result if every plugin continued (or
     * there are none), leaving the decision to the relay's built-in behaviour. After an ACCEPT the {@link
     * MandatoryRule}s later in the chain are still asked, and one of them may refuse.
     */
    public R run(Function<? super P, ? extends R> call) {
        return decide(call).result();
    }

    /**
     * What decided a chain: the result, and the plugin that gave it (empty when every plugin continued).
     *
     * @param <R> what the plugins return
     */
    public record Decision<R>(R result, Optional<String> plugin) {}

    /** As {@link #run}, naming the plugin whose result decided, for the message's story. */
    public Decision<R> decide(Function<? super P, ? extends R> call) {
        Decision<R> accepted = null;
        for (P plugin : plugins) {
            if (accepted != null && !isMandatory(plugin)) {
                continue;
            }
            R result = runOne(plugin, call);
            Verdict verdict = verdictOf.apply(result);
            if (verdict.kind() == Verdict.Kind.ACCEPT && accepted == null) {
                // The later plugins have no say, but a mandatory rule still does: an ACCEPT must not open the relay.
                accepted = new Decision<>(result, Optional.of(plugin.name()));
            } else if (!verdict.isContinue() && verdict.kind() != Verdict.Kind.ACCEPT) {
                return new Decision<>(result, Optional.of(plugin.name()));
            }
        }
        return accepted != null ? accepted : new Decision<>(resultOf.apply(Verdict.proceed()), Optional.empty());
    }

    private R runOne(P plugin, Function<? super P, ? extends R> call) {
        String name = plugin.name();
        Instant at = clock.instant();
        long start = System.nanoTime();
        if (plugin instanceof InlinePlugin && relaysOwn.test(plugin)) {
            return runInline(plugin, call, name, at, start);
        }
        Future<? extends R> future;
        try {
            future = executor.submit(() -> call.apply(plugin));
        } catch (RejectedExecutionException e) {
            return failed(name, at, start, "could not be run: executor refused the call", e);
        }
        R result;
        try {
            result = future.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(name, at, start, "exceeded its time limit of " + timeLimit, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(name, at, start, "threw " + describe(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(name, at, start, "was interrupted while the relay waited for it", e);
        }
        return recorded(result, name, at, start);
    }

    private R recorded(R result, String name, Instant at, long start) {
        if (result == null) {
            return failed(name, at, start, "returned null", null);
        }
        Verdict verdict = verdictOf.apply(result);
        if (verdict == null) {
            return failed(name, at, start, "returned a result without a verdict", null);
        }
        record(new PluginDecision(name, phase, verdict, verdict.reason(), at, elapsedSince(start)));
        return result;
    }

    // The relay's own rule, on this thread: it may still throw or answer null, and fails closed like any plugin.
    private R runInline(P plugin, Function<? super P, ? extends R> call, String name, Instant at, long start) {
        R result;
        try {
            result = call.apply(plugin);
        } catch (RuntimeException e) {
            return failed(name, at, start, "threw " + describe(e), e);
        }
        return recorded(result, name, at, start);
    }

    private R failed(String name, Instant at, long start, String what, Throwable cause) {
        String reason = "plugin " + name + " " + what + "; failing closed";
        LOG.log(Level.WARNING, reason, cause);
        Verdict verdict = Verdict.defer(reason);
        record(new PluginDecision(name, phase, verdict, reason, at, elapsedSince(start)));
        return resultOf.apply(verdict);
    }

    private void record(PluginDecision decision) {
        try {
            sink.accept(decision);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record plugin decision " + decision, e);
        }
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}

package io.outpost.api.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One plugin call as recorded (Haraka {@code txn.results}): which plugin, in which phase, what it decided and why, when,
 * and how long it took. The relay records a decision for every call, CONTINUE included, and one with the relay's own
 * reason when a plugin failed ("threw IllegalStateException: …", "exceeded its time limit of PT2S").
 */
public record PluginDecision(
        String plugin, PluginPhase phase, Verdict verdict, String reason, Instant at, Duration elapsed) {

    public PluginDecision {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        reason = reason == null ? verdict.reason() : reason;
    }

    /** The verdict's kind, for filtering records. */
    public Verdict.Kind kind() {
        return verdict.kind();
    }
}

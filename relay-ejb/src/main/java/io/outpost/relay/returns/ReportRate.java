package io.outpost.relay.returns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How many messages to return paths one client may send in a minute ({@code outpost.returns.reports-per-minute}):
 * anyone may mail a return path without AUTH, so a flood of forged bounces must cost its sender a 451, not the queue's
 * database a write each. Counted in fixed one-minute windows per client address, all forgotten at each new window.
 * Thread-safe.
 */
final class ReportRate {

    private static final long WINDOW = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, AtomicInteger> counts = new ConcurrentHashMap<>();
    private long windowStart;

    ReportRate(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Counts one message from {@code client}; false when it is past its limit for this minute. */
    boolean allow(InetAddress client) {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= WINDOW) {
                windowStart = now;
                counts.clear();
            }
        }
        return counts.computeIfAbsent(client, address -> new AtomicInteger()).incrementAndGet() <= perMinute;
    }
}

package io.outpost.relay.tracking;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The tracking hits of the last moments, by key, to tell a repeat from a new hit: at most {@code capacity} remembered,
 * the oldest forgotten first. Thread-safe.
 */
final class RecentHits {

    private final Map<String, Long> seen;
    private final LongSupplier nanoTime;

    RecentHits(int capacity, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True if {@code key} was not seen within {@code window}; it is remembered as seen now either way. */
    synchronized boolean firstWithin(String key, Duration window) {
        long now = nanoTime.getAsLong();
        Long last = seen.remove(key);
        seen.put(key, now);
        return last == null || now - last >= window.toNanos();
    }
}

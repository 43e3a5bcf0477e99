package io.outpost.relay.smtp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts events per key (a client address, an account) in fixed windows and refuses those past the limit of the
 * current window. Memory stays bounded whoever asks: windows that have ended are dropped when the table fills, and a
 * full table of current windows refuses new keys (temporarily, so a relay fails closed) rather than grow. Thread-safe.
 */
public final class FixedWindowRate<K> {

    private static final class Window {
        private final long start;
        private int events;

        private Window(long start) {
            this.start = start;
        }
    }

    private final int perWindow;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<K, Window> windows = new HashMap<>(); // guarded by this

    /** @param nanoTime {@link System#nanoTime()} outside tests */
    public FixedWindowRate(int perWindow, Duration window, int maxKeys, LongSupplier nanoTime) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** Counts one event for the key, or returns false if the key has used up its window (or the table is full). */
    public synchronized boolean tryAcquire(K key) {
        long now = nanoTime.getAsLong();
        Window window = windows.get(key);
        if (window == null || ended(window, now)) {
            if (window == null && windows.size() >= maxKeys) {
                windows.values().removeIf(w -> ended(w, now));
                if (windows.size() >= maxKeys) {
                    return false;
                }
            }
            window = new Window(now);
            windows.put(key, window);
        }
        if (window.events >= perWindow) {
            return false;
        }
        window.events++;
        return true;
    }

    /** How many keys are remembered now. */
    synchronized int keys() {
        return windows.size();
    }

    private boolean ended(Window window, long now) {
        return now - window.start >= windowNanos;
    }
}

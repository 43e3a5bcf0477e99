package io.outpost.relay.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values read from the database on intake's hot path, kept for a short time. Invalidation is for changes on this
 * node; the time to live bounds how late another node's change is seen. A load that overlapped an invalidation is
 * used once but not kept, so a change committed meanwhile is not hidden for a whole TTL. Thread-safe.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {}

    private final Function<K, V> loader;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** @param maxEntries beyond this many keys the cache starts afresh, bounding memory whatever keys are asked for */
    public ExpiringCache(Function<K, V> loader, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.loader = loader;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    public V get(K key) {
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() <= ttlNanos) {
            return entry.value();
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        long before = generation.get();
        V value = loader.apply(key);
        if (generation.get() == before) {
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }

    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}

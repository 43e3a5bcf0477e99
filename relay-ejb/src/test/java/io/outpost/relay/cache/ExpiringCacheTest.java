package io.outpost.relay.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();

    private ExpiringCache<String, String> cache(Function<String, String> loader) {
        return new ExpiringCache<>(
                key -> {
                    loads.incrementAndGet();
                    return loader.apply(key);
                },
                Duration.ofSeconds(30),
                3,
                nanos::get);
    }

    @Test
    void servesAValueFromMemoryUntilItsTimeToLiveHasPassed() {
        ExpiringCache<String, String> cache = cache(key -> key + "-" + loads.get());

        assertThat(cache.get("a")).isEqualTo("a-1");
        nanos.set(Duration.ofSeconds(30).toNanos());
        assertThat(cache.get("a")).isEqualTo("a-1");
        nanos.set(Duration.ofSeconds(31).toNanos());
        assertThat(cache.get("a")).isEqualTo("a-2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void readsAgainAfterAnInvalidation() {
        ExpiringCache<String, String> cache = cache(key -> key + "-" + loads.get());
        cache.get("a");
        cache.get("b");

        cache.invalidate("a");

        assertThat(cache.get("a")).isEqualTo("a-3");
        assertThat(cache.get("b")).isEqualTo("b-2");
        cache.invalidateAll();
        assertThat(cache.get("b")).isEqualTo("b-4");
    }

    @Test
    void doesNotKeepALoadThatOverlappedAnInvalidation() {
        ExpiringCache<String, String>[] holder = new ExpiringCache[1];
        holder[0] = cache(key -> {
            if (loads.get() == 1) {
                // A change commits on another thread while this load is reading the old state.
                holder[0].invalidate(key);
                return "stale";
            }
            return "fresh";
        });

        assertThat(holder[0].get("a")).isEqualTo("stale");
        assertThat(holder[0].get("a")).isEqualTo("fresh");
    }

    @Test
    void startsAfreshBeyondItsLimitOfEntries() {
        ExpiringCache<String, String> cache = cache(key -> key);
        for (String key : new String[] {"a", "b", "c", "d"}) {
            cache.get(key);
        }

        cache.get("a");

        assertThat(loads).as("a was dropped when d came in over the limit of 3").hasValue(5);
    }
}

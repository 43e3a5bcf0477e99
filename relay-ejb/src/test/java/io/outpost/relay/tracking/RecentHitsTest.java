package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentHitsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RecentHits recent = new RecentHits(2, nanos::get);

    @Test
    void aRepeatWithinTheWindowIsNotFirstAndOneAfterItIs() {
        Duration window = Duration.ofSeconds(10);

        assertThat(recent.firstWithin("a", window)).isTrue();
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(recent.firstWithin("a", window)).isFalse();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(recent.firstWithin("a", window)).isTrue();
    }

    @Test
    void remembersOnlyTheNewestKeysUpToItsCapacity() {
        Duration window = Duration.ofSeconds(10);
        recent.firstWithin("a", window);
        recent.firstWithin("b", window);
        recent.firstWithin("c", window);

        assertThat(recent.firstWithin("a", window))
                .as("forgotten, so new again")
                .isTrue();
        assertThat(recent.firstWithin("c", window)).isFalse();
    }
}

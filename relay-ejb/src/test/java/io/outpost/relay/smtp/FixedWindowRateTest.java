package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Counting per key in fixed windows, on a hand-turned clock. */
class FixedWindowRateTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong(1_000);

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void allowsTheLimitPerWindowAndAFreshWindowAfterIt() throws Exception {
        FixedWindowRate<InetAddress> rate = new FixedWindowRate<InetAddress>(2, WINDOW, 100, now::get);
        assertThat(rate.tryAcquire(address(1))).isTrue();
        assertThat(rate.tryAcquire(address(1))).isTrue();
        assertThat(rate.tryAcquire(address(1))).isFalse();
        assertThat(rate.tryAcquire(address(2))).isTrue();
        now.addAndGet(WINDOW.toNanos());
        assertThat(rate.tryAcquire(address(1))).isTrue();
    }

    @Test
    void dropsEndedWindowsWhenTheTableIsFull() throws Exception {
        FixedWindowRate<InetAddress> rate = new FixedWindowRate<InetAddress>(5, WINDOW, 3, now::get);
        for (int i = 1; i <= 3; i++) {
            rate.tryAcquire(address(i));
        }
        now.addAndGet(WINDOW.toNanos());
        assertThat(rate.tryAcquire(address(4))).isTrue();
        assertThat(rate.keys()).isEqualTo(1);
    }

    @Test
    void refusesNewKeysRatherThanGrowPastItsSize() throws Exception {
        FixedWindowRate<InetAddress> rate = new FixedWindowRate<InetAddress>(5, WINDOW, 3, now::get);
        for (int i = 1; i <= 3; i++) {
            rate.tryAcquire(address(i));
        }
        assertThat(rate.tryAcquire(address(4))).isFalse();
        assertThat(rate.tryAcquire(address(1))).isTrue();
        assertThat(rate.keys()).isEqualTo(3);
    }
}

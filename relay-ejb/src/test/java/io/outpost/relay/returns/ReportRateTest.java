package io.outpost.relay.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReportRateTest {

    private final AtomicLong clock = new AtomicLong();
    private final ReportRate rate = new ReportRate(2, clock::get);

    @Test
    void aClientPastItsLimitIsRefusedUntilTheNextMinuteAndOthersAreNot() throws Exception {
        InetAddress flood = InetAddress.getByName("192.0.2.1");
        InetAddress feedbackLoop = InetAddress.getByName("198.51.100.7");

        assertThat(rate.allow(flood)).isTrue();
        assertThat(rate.allow(flood)).isTrue();
        assertThat(rate.allow(flood)).isFalse();
        assertThat(rate.allow(feedbackLoop)).isTrue();

        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(rate.allow(flood)).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(rate.allow(flood)).isTrue();
    }
}

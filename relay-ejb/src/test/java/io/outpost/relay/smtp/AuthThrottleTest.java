package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.smtp.auth.AuthThrottle;
import io.outpost.relay.smtp.auth.ThrottleEntry;
import io.outpost.relay.smtp.auth.ThrottleEntry.Kind;
import io.outpost.relay.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The brute-force throttle on a hand-turned clock. */
class AuthThrottleTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final AuthThrottle.Limits LIMITS = new AuthThrottle.Limits(
            2, Duration.ofSeconds(1), Duration.ofSeconds(5), 6, Duration.ofMinutes(10), Duration.ofMinutes(30));

    private final ManualClock clock = new ManualClock(START);
    private final AuthThrottle throttle = new AuthThrottle(LIMITS, clock);
    private final InetAddress client = address("192.0.2.1");
    private final InetAddress other = address("192.0.2.2");

    @Test
    void firstFailuresAreNotDelayed() {
        assertThat(throttle.recordFailure(client, "alice")).isZero();
        assertThat(throttle.recordFailure(client, "alice")).isZero();
    }

    @Test
    void furtherFailuresAreDelayedDoublingUpToTheCap() {
        throttle.recordFailure(client, "alice");
        throttle.recordFailure(client, "alice");
        assertThat(throttle.recordFailure(client, "alice")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.recordFailure(client, "alice")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.recordFailure(client, "alice")).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.recordFailure(client, "alice")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void blocksTheAddressAtTheLimit() {
        failTimes(6, client, "alice");
        assertThat(throttle.isBlocked(client)).isTrue();
        assertThat(throttle.isBlocked(other)).isFalse();
    }

    @Test
    void blocksTheUserNameWhateverTheAddressAndCase() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure(address("198.51.100." + i), "Alice");
        }
        assertThat(throttle.isBlocked("alice")).isTrue();
        assertThat(throttle.isBlocked(address("198.51.100.0"))).isFalse();
    }

    @Test
    void blockEndsAfterItsPeriod() {
        failTimes(6, client, "alice");
        clock.advance(Duration.ofMinutes(30));
        assertThat(throttle.isBlocked(client)).isFalse();
        assertThat(throttle.isBlocked("alice")).isFalse();
        assertThat(throttle.recordFailure(client, "alice")).isZero();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        failTimes(5, client, "alice");
        clock.advance(Duration.ofMinutes(10));
        failTimes(1, client, "alice");
        assertThat(throttle.isBlocked(client)).isFalse();
    }

    @Test
    void successResetsTheUserNameButNotTheAddress() {
        failTimes(5, client, "alice");
        throttle.recordSuccess("alice");
        throttle.recordFailure(client, "bob");
        assertThat(throttle.isBlocked("alice")).isFalse();
        assertThat(throttle.isBlocked(client)).isTrue();
    }

    @Test
    void snapshotListsAddressesThenUserNames() {
        failTimes(6, client, "alice");
        assertThat(throttle.snapshot())
                .containsExactly(
                        new ThrottleEntry("192.0.2.1", Kind.IP, 6, Optional.of(START.plus(Duration.ofMinutes(30)))),
                        new ThrottleEntry("alice", Kind.USERNAME, 6, Optional.of(START.plus(Duration.ofMinutes(30)))));
        clock.advance(Duration.ofMinutes(30));
        assertThat(throttle.snapshot()).isEmpty();
    }

    private void failTimes(int times, InetAddress from, String username) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(from, username);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

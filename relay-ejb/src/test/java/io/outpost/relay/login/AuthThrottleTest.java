package io.outpost.relay.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.login.ThrottleEntry.Kind;
import io.outpost.relay.testing.ManualClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The brute-force throttle on a hand-turned clock. */
class AuthThrottleTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration BLOCK = Duration.ofMinutes(30);
    private static final AuthThrottle.Limits LIMITS = new AuthThrottle.Limits(
            3, 6, Duration.ofMinutes(10), BLOCK, 2, Duration.ofSeconds(1), Duration.ofSeconds(5), 100);

    private final ManualClock clock = new ManualClock(START);
    private final AuthThrottle throttle = new AuthThrottle(LIMITS, clock);
    private final InetAddress client = address("192.0.2.1");
    private final InetAddress other = address("192.0.2.2");

    @Test
    void firstFailuresOfANameAreNotDelayed() {
        assertThat(throttle.recordFailure(client, "alice")).isZero();
        assertThat(throttle.recordFailure(other, "alice")).isZero();
    }

    @Test
    void furtherFailuresOfANameAreDelayedDoublingUpToTheCapWhereverTheyComeFrom() {
        throttle.recordFailure(address("198.51.100.1"), "alice");
        throttle.recordFailure(address("198.51.100.2"), "alice");
        assertThat(throttle.recordFailure(address("198.51.100.3"), "alice")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.recordFailure(address("198.51.100.4"), "Alice")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.recordFailure(address("198.51.100.5"), "alice")).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.recordFailure(address("198.51.100.6"), "alice")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.recordFailure(client, "bob")).as("another name").isZero();
    }

    @Test
    void aNameAttackedFromEverywhereIsNeverBlocked() {
        for (int i = 0; i < 50; i++) {
            throttle.recordFailure(address("198.51.100." + i), "admin");
        }
        assertThat(throttle.isBlocked(client, "admin")).isFalse();
        assertThat(throttle.isBlocked(client)).isFalse();
    }

    @Test
    void blocksAnAddressForANameAtThePairLimitButLetsItTryOthers() {
        failTimes(3, client, "alice");
        assertThat(throttle.isBlocked(client, "alice")).isTrue();
        assertThat(throttle.isBlocked(client, "ALICE")).isTrue();
        assertThat(throttle.isBlocked(client, "bob")).isFalse();
        assertThat(throttle.isBlocked(client)).isFalse();
        assertThat(throttle.isBlocked(other, "alice"))
                .as("the right password from elsewhere")
                .isFalse();
    }

    @Test
    void blocksAnAddressForEveryNameAtTheAddressLimit() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure(client, "user" + i);
        }
        assertThat(throttle.isBlocked(client)).isTrue();
        assertThat(throttle.isBlocked(client, "someone-else")).isTrue();
        assertThat(throttle.isBlocked(other)).isFalse();
    }

    @Test
    void countsAnIpv6NetworkAsOneClient() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure(address("2001:db8:1:2::" + (i + 1)), "user" + i);
        }
        assertThat(throttle.isBlocked(address("2001:db8:1:2:ffff::9"))).isTrue();
        assertThat(throttle.isBlocked(address("2001:db8:1:3::1"))).isFalse();
    }

    @Test
    void blockEndsAfterItsPeriod() {
        failTimes(6, client, "alice");
        clock.advance(BLOCK);
        assertThat(throttle.isBlocked(client)).isFalse();
        assertThat(throttle.isBlocked(client, "alice")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        failTimes(2, client, "alice");
        clock.advance(Duration.ofMinutes(10));
        failTimes(1, client, "alice");
        assertThat(throttle.isBlocked(client, "alice")).isFalse();
        assertThat(throttle.recordFailure(other, "alice"))
                .as("second failure of the new window")
                .isZero();
    }

    @Test
    void successForgetsThePairButNotTheAddressNorTheName() {
        failTimes(2, client, "alice");
        throttle.recordSuccess(client, "alice");
        throttle.recordFailure(client, "alice");
        assertThat(throttle.isBlocked(client, "alice"))
                .as("pair count restarted")
                .isFalse();
        assertThat(throttle.recordFailure(other, "alice"))
                .as("the name's fourth failure")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keepsAtMostMaxEntriesPerTableForgettingTheOldest() {
        AuthThrottle small = new AuthThrottle(
                new AuthThrottle.Limits(
                        3, 6, Duration.ofMinutes(10), BLOCK, 2, Duration.ofSeconds(1), Duration.ofSeconds(5), 10),
                clock);
        for (int i = 0; i < 1000; i++) {
            small.recordFailure(address("198.51." + (i / 256) + "." + (i % 256)), "name" + i);
        }
        assertThat(small.snapshot()).hasSize(30);
        assertThat(small.snapshot())
                .filteredOn(e -> e.kind() == Kind.NAME)
                .extracting(e -> e.name().orElseThrow())
                .contains("name999")
                .doesNotContain("name0");
    }

    @Test
    void snapshotListsAddressesThenPairsThenNames() {
        failTimes(3, client, "alice");
        Optional<Instant> blocked = Optional.of(START.plus(BLOCK));
        assertThat(throttle.snapshot())
                .containsExactly(
                        new ThrottleEntry(
                                Kind.ADDRESS,
                                Optional.of("192.0.2.1"),
                                Optional.empty(),
                                3,
                                Optional.empty(),
                                Duration.ZERO),
                        new ThrottleEntry(
                                Kind.ADDRESS_AND_NAME,
                                Optional.of("192.0.2.1"),
                                Optional.of("alice"),
                                3,
                                blocked,
                                Duration.ZERO),
                        new ThrottleEntry(
                                Kind.NAME,
                                Optional.empty(),
                                Optional.of("alice"),
                                3,
                                Optional.empty(),
                                Duration.ofSeconds(2)));
        clock.advance(BLOCK);
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
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Instant QUEUED = Instant.parse("2026-11-01T00:00:00Z");
    private final RetryPolicy policy = RetryPolicy.defaults();

    @ParameterizedTest(name = "after {0} attempts at +{1} → +{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // attempts | now (since queued) | next attempt (since queued), or empty: expire
                "1  | PT0S      | PT5M",
                "2  | PT5M      | PT15M",
                "3  | PT15M     | PT35M",
                "4  | PT35M     | PT1H15M",
                "6  | PT3H      | PT5H40M",
                "7  | PT6H      | PT10H",
                "20 | PT50H     | PT54H",
                "40 | PT118H    | PT120H",
                "41 | PT120H    | ",
                "42 | PT130H    | ",
            })
    void schedulesWithCappedExponentialBackoffUntilExpiry(int attempts, Duration now, Duration expected) {
        Optional<Instant> next = policy.nextAttempt(attempts, QUEUED, QUEUED.plus(now));

        assertThat(next).isEqualTo(Optional.ofNullable(expected).map(QUEUED::plus));
    }

    @Test
    void rejectsARetryBeforeAnyAttempt() {
        assertThatThrownBy(() -> policy.nextAttempt(0, QUEUED, QUEUED)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "initial={0} factor={1} max={2} lifetime={3}")
    @CsvSource({"PT0S,2,PT4H,P5D", "PT5M,0.5,PT4H,P5D", "PT5M,2,PT1M,P5D", "PT5M,2,PT4H,PT0S"})
    void rejectsNonsenseSettings(Duration initial, double factor, Duration max, Duration lifetime) {
        assertThatThrownBy(() -> new RetryPolicy(initial, factor, max, lifetime))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverOverflowsForManyAttempts() {
        assertThat(policy.backoff(10_000)).isEqualTo(Duration.ofHours(4));
    }
}

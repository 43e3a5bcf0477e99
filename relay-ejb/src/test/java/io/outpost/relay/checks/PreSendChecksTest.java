package io.outpost.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreSendChecksTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A check that takes {@code millis} and then passes, or throws when told to. */
    private record Slow(int order, long millis, boolean fails) implements PreSendCheck {

        @Override
        public CheckResult check(CheckedMessage message) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fails) {
                throw new IllegalStateException("broken");
            }
            return CheckResult.pass("slow-" + order, "Slow " + order, "done");
        }
    }

    private static CheckedMessage message() {
        return CheckedMessages.bulkHtml("<p>Hi</p>");
    }

    @Test
    void checksRunSideBySideAndAreListedInTheirOrder() {
        long start = System.nanoTime();
        CheckReport report = PreSendChecks.run(
                List.of(new Slow(2, 400, false), new Slow(1, 400, false), new Slow(3, 400, false)),
                executor,
                Duration.ofSeconds(5),
                message());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1100));
        assertThat(report.results()).extracting(CheckResult::id).containsExactly("slow-1", "slow-2", "slow-3");
        assertThat(report.blocksSending()).isFalse();
    }

    @Test
    void aCheckPastTheTimeLimitOrThatThrowsWarnsThatItCouldNotDecide() {
        CheckReport report = PreSendChecks.run(
                List.of(new Slow(1, 5_000, false), new Slow(2, 0, true), new Slow(3, 0, false)),
                executor,
                Duration.ofMillis(300),
                message());
        assertThat(report.results())
                .extracting(CheckResult::verdict)
                .containsExactly(CheckVerdict.WARN, CheckVerdict.WARN, CheckVerdict.PASS);
        assertThat(report.results().get(0).why())
                .isEqualTo("This check did not finish within 0.3 s, so its outcome is unknown.");
        assertThat(report.results().get(1).why()).contains("could not run (IllegalStateException)");
        assertThat(report.blocksSending()).isFalse();
    }
}

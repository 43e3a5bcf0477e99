package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.queue.Engagement;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MachineDetectorTest {

    private static final String BROWSER =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605";
    private static final Instant DELIVERED = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static Engagement.Facts facts(Set<Integer> justClicked) {
        return new Engagement.Facts(Optional.of(DELIVERED), justClicked);
    }

    @Test
    void opensByPrivacyAndImageProxiesAreMachines() throws Exception {
        InetAddress home = InetAddress.getByName("198.51.100.7");

        assertThat(MachineDetector.open(Optional.of(BROWSER), home).label()).isEqualTo("human");
        assertThat(MachineDetector.open(Optional.of(BROWSER), InetAddress.getByName("17.58.1.2"))
                        .label())
                .isEqualTo("machine (Apple Mail Privacy Protection)");
        assertThat(MachineDetector.open(Optional.of("Mozilla/5.0"), home).machine())
                .isTrue();
        assertThat(MachineDetector.open(Optional.of("Mozilla/5.0 (via ggpht.com GoogleImageProxy)"), home)
                        .reason())
                .isEqualTo("Gmail image proxy");
        assertThat(MachineDetector.open(Optional.of("YahooMailProxy; https://help.yahoo.com"), home)
                        .reason())
                .isEqualTo("Yahoo image proxy");
        assertThat(MachineDetector.open(Optional.empty(), home).machine()).isTrue();
    }

    @Test
    void clicksTooSoonByHeadAllAtOnceOrByScannersAreMachines() {
        Instant later = DELIVERED.plus(Duration.ofMinutes(5));

        assertThat(MachineDetector.click(false, Optional.of(BROWSER), 1, later, facts(Set.of()), WINDOW)
                        .machine())
                .isFalse();
        assertThat(MachineDetector.click(false, Optional.of(BROWSER), 1, later, facts(Set.of(1)), WINDOW)
                        .machine())
                .as("the same link twice is a person clicking again")
                .isFalse();
        assertThat(MachineDetector.click(
                                false, Optional.of(BROWSER), 1, DELIVERED.plusSeconds(3), facts(Set.of()), WINDOW)
                        .reason())
                .isEqualTo("clicked 3 s after delivery");
        assertThat(MachineDetector.click(true, Optional.of(BROWSER), 1, later, facts(Set.of()), WINDOW)
                        .reason())
                .isEqualTo("HEAD request");
        assertThat(MachineDetector.click(false, Optional.of(BROWSER), 2, later, facts(Set.of(1)), WINDOW)
                        .reason())
                .isEqualTo("several links clicked at once");
        assertThat(MachineDetector.click(
                                false,
                                Optional.of("Mozilla/5.0 (compatible; Barracuda Sentinel)"),
                                1,
                                later,
                                facts(Set.of()),
                                WINDOW)
                        .reason())
                .isEqualTo("automated agent");
    }
}

package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingFieldTest {

    private static final TrackingOptions BULK = new TrackingOptions(true, true, false);

    @Test
    void namesExactlyWhatIsTracked() {
        assertThat(TrackingField.parse("none").orElseThrow().over(BULK)).isEqualTo(TrackingOptions.NONE);
        assertThat(TrackingField.parse(" Opens ").orElseThrow().over(BULK))
                .isEqualTo(new TrackingOptions(true, false, false));
        assertThat(TrackingField.parse("clicks, text").orElseThrow().over(TrackingOptions.NONE))
                .isEqualTo(new TrackingOptions(false, true, true));
        assertThat(TrackingField.parse("opens clicks text").orElseThrow().over(TrackingOptions.NONE))
                .isEqualTo(new TrackingOptions(true, true, true));
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertThat(TrackingField.parse("yes")).isEqualTo(Optional.empty());
        assertThat(TrackingField.parse("none, opens")).isEmpty();
        assertThat(TrackingField.parse("")).isEmpty();
    }
}

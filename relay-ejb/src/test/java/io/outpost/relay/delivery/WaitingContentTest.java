package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitingContentTest {

    private final WaitingContent content = new WaitingContent(100);

    @Test
    void takesWhatFitsAndNothingOfWhatDoesNot() {
        assertThat(content.take(60)).isTrue();
        assertThat(content.take(40)).isTrue();

        assertThat(content.take(1)).isFalse();
        assertThat(content.held()).isEqualTo(100);
    }

    @Test
    void roomGivenBackCanBeTakenAgain() {
        assertThat(content.take(70)).isTrue();
        assertThat(content.take(50)).isFalse();

        content.give(70);

        assertThat(content.held()).isZero();
        assertThat(content.take(50)).isTrue();
    }

    @Test
    void aMessageLargerThanTheWholeLimitNeverFits() {
        assertThat(content.take(101)).isFalse();
        assertThat(content.held()).isZero();
    }
}

package io.outpost.relay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedBatchTest {

    @Test
    void readsBackTheSubscribersItWasKeptAs() {
        PinnedBatch batch = new PinnedBatch(10, List.of(12L, 15L, 30L), 31);

        PinnedBatch read = PinnedBatch.of(10, batch.ids(), 31);

        assertThat(read).isEqualTo(batch);
        assertThat(PinnedBatch.of(10, "", 40).subscriberIds()).isEmpty();
    }

    @Test
    void itsKeyNamesTheCampaignAndCursorAndItsDigestTheBatch() {
        PinnedBatch batch = new PinnedBatch(10, List.of(12L, 15L), 15);

        assertThat(batch.key(7)).isEqualTo("outpost-campaign:7:after:10");
        assertThat(batch.sha256()).hasSize(64).isEqualTo(new PinnedBatch(10, List.of(12L, 15L), 15).sha256());
        assertThat(batch.sha256()).isNotEqualTo(new PinnedBatch(10, List.of(12L), 15).sha256());
    }

    @Test
    void holdsAtMostAnApiBatchOfSubscribersAndEndsAfterItStarts() {
        List<Long> tooMany = Collections.nCopies(PinnedBatch.MAX_SIZE + 1, 1L);

        assertThatThrownBy(() -> new PinnedBatch(0, tooMany, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PinnedBatch(5, List.of(), 4)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.outpost.relay.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.BlocklistStatus.Listing;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlocklistListingsTest {

    @Test
    void listingsSurviveStorageAndALongOneIsCutByWholeLines() {
        List<Listing> listings = List.of(
                new Listing("zen.test", Optional.of("127.0.0.2 line\none\ttab"), Optional.of("https://zen.test/")),
                new Listing("dbl.test", Optional.empty(), Optional.empty()));

        assertThat(BlocklistListings.decode(BlocklistListings.encode(listings)))
                .containsExactly(
                        new Listing(
                                "zen.test", Optional.of("127.0.0.2 line one tab"), Optional.of("https://zen.test/")),
                        new Listing("dbl.test", Optional.empty(), Optional.empty()));
        List<Listing> many = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new Listing("list" + i + ".test", Optional.of("x".repeat(100)), Optional.empty()))
                .toList();
        String stored = BlocklistListings.encode(many);
        assertThat(stored.length()).isLessThanOrEqualTo(BlocklistListings.MAX_LENGTH);
        assertThat(BlocklistListings.decode(stored)).isNotEmpty().allMatch(l -> l.detail()
                .isPresent());
        assertThat(BlocklistListings.decode("")).isEmpty();
        // One list that says too much keeps its name and the start of what it says.
        List<Listing> chatty = List.of(new Listing("chatty.test", Optional.of("y".repeat(5_000)), Optional.empty()));
        assertThat(BlocklistListings.decode(BlocklistListings.encode(chatty)))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.list()).isEqualTo("chatty.test");
                    assertThat(l.detail().orElseThrow()).hasSize(1_000);
                });
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ListingIndexerTest {

    @Test
    void indexesWhatArrivesTogetherInOneTransactionAndWhatIsLeftWhenClosed() throws Exception {
        List<List<Long>> transactions = new CopyOnWriteArrayList<>();
        try (ListingIndexer indexer = new ListingIndexer(ids -> transactions.add(new ArrayList<>(ids)), Thread::new)) {
            for (long id = 1; id <= 50; id++) {
                indexer.add(id);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (transactions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            indexer.add(51);
        }

        assertThat(transactions.stream().flatMap(List::stream))
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 51).boxed().toList());
        // Fifty ids added within the gathering time: one transaction, not fifty.
        assertThat(transactions.get(0)).hasSize(50);
    }

    @Test
    void aFailedTransactionIsLeftToTheRepairAndTheIndexerGoesOn() throws Exception {
        List<Long> indexed = new CopyOnWriteArrayList<>();
        try (ListingIndexer indexer = new ListingIndexer(
                ids -> {
                    if (ids.contains(1L)) {
                        throw new IllegalStateException("database down (test)");
                    }
                    indexed.addAll(ids);
                },
                Thread::new)) {
            indexer.add(1);
            Thread.sleep(ListingIndexer.GATHER.toMillis() * 3);
            indexer.add(2);
        }

        assertThat(indexed).containsExactly(2L);
    }
}

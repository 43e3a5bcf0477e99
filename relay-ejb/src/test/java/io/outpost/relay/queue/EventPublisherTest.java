package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.queue.EventPublisher.Committed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    @Test
    void publishesWhatArrivesTogetherInOneTransactionInOrderAndWhatIsLeftWhenClosed() throws Exception {
        List<List<Committed>> transactions = new CopyOnWriteArrayList<>();
        try (EventPublisher publisher =
                new EventPublisher(items -> transactions.add(new ArrayList<>(items)), Thread::new)) {
            for (long id = 1; id <= 50; id++) {
                publisher.add(List.of(Committed.message(id), Committed.event(1000 + id)));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (transactions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            publisher.add(List.of(Committed.event(2000)));
        }

        List<Committed> expected = new ArrayList<>();
        LongStream.rangeClosed(1, 50).forEach(id -> {
            expected.add(Committed.message(id));
            expected.add(Committed.event(1000 + id));
        });
        expected.add(Committed.event(2000));
        assertThat(transactions.stream().flatMap(List::stream)).containsExactlyElementsOf(expected);
        // A hundred items added within the gathering time: one transaction, not a hundred.
        assertThat(transactions.get(0)).hasSize(100);
    }

    @Test
    void aFailedTransactionIsLeftToTheNextStartAndThePublisherGoesOn() throws Exception {
        List<Committed> published = new CopyOnWriteArrayList<>();
        try (EventPublisher publisher = new EventPublisher(
                items -> {
                    if (items.contains(Committed.message(1))) {
                        throw new IllegalStateException("database down (test)");
                    }
                    published.addAll(items);
                },
                Thread::new)) {
            publisher.add(List.of(Committed.message(1)));
            Thread.sleep(EventPublisher.GATHER.toMillis() * 3);
            publisher.add(List.of(Committed.message(2)));
        }

        assertThat(published).containsExactly(Committed.message(2));
    }

    @Test
    void aBatchThatFailsIsPublishedItemByItemSoOneItemTheDatabaseRefusesCostsOnlyItself() throws Exception {
        List<Committed> published = new CopyOnWriteArrayList<>();
        try (EventPublisher publisher = new EventPublisher(
                items -> {
                    if (items.contains(Committed.event(13))) {
                        throw new IllegalStateException("value too long (test)");
                    }
                    published.addAll(items);
                },
                Thread::new)) {
            publisher.add(List.of(Committed.message(12), Committed.event(13), Committed.event(14)));
        }

        assertThat(published).containsExactly(Committed.message(12), Committed.event(14));
    }

    @Test
    void anInterruptedPublisherPublishesWhatWaitsAndEndsInsteadOfSpinning() throws Exception {
        List<Committed> published = new CopyOnWriteArrayList<>();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        EventPublisher publisher = new EventPublisher(published::addAll, task -> {
            Thread worker = new Thread(task);
            workers.add(worker);
            return worker;
        });
        publisher.add(List.of(Committed.message(1), Committed.message(2)));

        workers.get(0).interrupt();
        workers.get(0).join(5_000);

        assertThat(workers.get(0).isAlive()).isFalse();
        assertThat(published).containsExactly(Committed.message(1), Committed.message(2));
        publisher.close();
    }
}

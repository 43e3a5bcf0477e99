package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.sending.DomainEventRetention;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sending domain's history is kept as long as the queue's records, then deleted oldest first in bounded batches, on
 * both real databases (the queue's database helper: the events live in the same schema).
 */
class DomainEventRetentionTest extends OnBothDatabases {

    private static final Duration KEEP = Duration.ofDays(90);

    DomainEventRetentionTest() {
        super("domain-event-retention-test");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void deletesEventsOlderThanTheRecordsRetentionInBatchesOldestFirst(QueueDatabase db) {
        db.inTransaction(
                em -> em.createNativeQuery("DELETE FROM outpost_domain_event").executeUpdate());
        for (int i = 1; i <= 5; i++) {
            event(db, i, NOW.minus(KEEP).minus(Duration.ofDays(i)));
        }
        event(db, 6, NOW.minus(KEEP).plusSeconds(1));
        DomainEventRetention retention = new DomainEventRetention(KEEP, 2);

        assertThat(deleteOld(db, retention)).isEqualTo(2);
        assertThat(ids(db)).as("the two oldest go first").containsExactlyInAnyOrder(1L, 2L, 3L, 6L);
        assertThat(deleteOld(db, retention)).isEqualTo(2);
        assertThat(deleteOld(db, retention))
                .as("fewer than a batch: the last one")
                .isEqualTo(1);
        assertThat(deleteOld(db, retention)).isZero();
        assertThat(ids(db)).as("an event inside the retention time stays").containsExactly(6L);
    }

    private static int deleteOld(QueueDatabase db, DomainEventRetention retention) {
        return db.inTransaction(em -> retention.deleteOld(em, NOW));
    }

    private static void event(QueueDatabase db, long id, Instant at) {
        db.inTransaction(em -> em.createNativeQuery("INSERT INTO outpost_domain_event"
                        + " (id, occurred_at, detail, domain, kind, subject, tenant_id)"
                        + " VALUES (?1, ?2, 'checked', 'shop.test', 'CHECKED', 'dkim', 'shop')")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(at))
                .executeUpdate());
    }

    private static List<Long> ids(QueueDatabase db) {
        return db.query("SELECT id FROM outpost_domain_event").stream()
                .map(id -> ((Number) id).longValue())
                .toList();
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import jakarta.persistence.EntityManager;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claim SQL of both {@link DueClaimer}s on the real databases they are written for: H2 (the embedded default) and
 * PostgreSQL. Each test starts from empty tables; rows are inserted through JPA as {@link QueueStore} does.
 */
class DueClaimerTest extends OnBothDatabases {

    private static final long LEASE_SECONDS = 300;

    DueClaimerTest() {
        super("due-claimer-test");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void claimsOnlyDueRowsOldestFirstUpToTheLimit(QueueDatabase db) {
        db.deleteAll();
        long late = insert(db, NOW.minusSeconds(10));
        long oldest = insert(db, NOW.minusSeconds(30));
        long middle = insert(db, NOW.minusSeconds(20));
        insert(db, NOW.plusSeconds(1));
        insert(db, NOW.plusSeconds(3600));

        List<Claim> first = db.claim(NOW, LEASE_SECONDS, 2);
        List<Claim> second = db.claim(NOW, LEASE_SECONDS, 2);

        assertThat(first).extracting(Claim::recipientId).containsExactly(oldest, middle);
        assertThat(second).extracting(Claim::recipientId).containsExactly(late);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void claimedRowIsNotClaimedAgainUntilItsLeaseHasPassed(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));

        assertThat(db.claim(NOW, LEASE_SECONDS, 10))
                .extracting(Claim::recipientId)
                .containsExactly(id);
        assertThat(db.claim(NOW.plusSeconds(LEASE_SECONDS - 1), LEASE_SECONDS, 10))
                .isEmpty();
        assertThat(db.claim(NOW.plusSeconds(LEASE_SECONDS), LEASE_SECONDS, 10))
                .extracting(Claim::recipientId)
                .containsExactly(id);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void finalRowsAreNeverClaimed(QueueDatabase db) {
        db.deleteAll();
        long pending = insert(db, NOW.minusSeconds(5));
        db.inTransaction(em -> {
            for (RecipientState state :
                    List.of(RecipientState.DELIVERED, RecipientState.BOUNCED, RecipientState.EXPIRED)) {
                QueuedRecipient row = QueueDatabase.newRecipient(em, NOW, NOW.minusSeconds(3600));
                QueueDatabase.recordOutcome(em, row, state, "250 2.0.0 ok", null, NOW);
            }
            return null;
        });

        List<Claim> claims = db.claim(NOW.plus(3650, ChronoUnit.DAYS), LEASE_SECONDS, 100);

        assertThat(claims).extracting(Claim::recipientId).containsExactly(pending);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void claimReturnsTheRowsAddressMessageAndAttempts(QueueDatabase db) {
        db.deleteAll();
        long id = insert(db, NOW.minusSeconds(1));

        Claim claim = db.claim(NOW, LEASE_SECONDS, 1).get(0);

        assertThat(claim.recipientId()).isEqualTo(id);
        assertThat(claim.recipient()).isEqualTo(EmailAddress.parse("rcpt@example.test"));
        assertThat(claim.attemptsMade()).isZero();
        long messageId = db.inTransaction(
                em -> em.find(QueuedRecipient.class, id).message().id());
        assertThat(claim.messageId()).isEqualTo(messageId);
    }

    @Test
    void concurrentClaimsOnPostgresqlGetDisjointRows() throws Exception {
        postgres.deleteAll();
        for (int i = 0; i < 12; i++) {
            insert(postgres, NOW.minusSeconds(100 - i));
        }
        CyclicBarrier bothClaiming = new CyclicBarrier(2);
        CyclicBarrier bothClaimed = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Claim>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String node = "node-" + t;
                results.add(threads.submit(() -> {
                    EntityManager em = postgres.createEntityManager();
                    try {
                        em.getTransaction().begin();
                        bothClaiming.await(10, TimeUnit.SECONDS);
                        List<Claim> claims = postgres.claimer().claim(em, NOW, NOW.plusSeconds(LEASE_SECONDS), node, 5);
                        // Both transactions hold their locks here: neither may have waited for the other.
                        bothClaimed.await(10, TimeUnit.SECONDS);
                        em.getTransaction().commit();
                        return claims;
                    } finally {
                        if (em.getTransaction().isActive()) {
                            em.getTransaction().rollback();
                        }
                        em.close();
                    }
                }));
            }
            List<Long> first = ids(results.get(0).get(20, TimeUnit.SECONDS));
            List<Long> second = ids(results.get(1).get(20, TimeUnit.SECONDS));

            assertThat(first).hasSize(5).doesNotContainAnyElementsOf(second);
            assertThat(second).hasSize(5);
            Set<Long> both = new HashSet<>(first);
            both.addAll(second);
            assertThat(postgres.claim(NOW, LEASE_SECONDS, 100))
                    .hasSize(2)
                    .extracting(Claim::recipientId)
                    .doesNotContainAnyElementsOf(both);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void h2ClaimUsesTheDueIndex() {
        h2.deleteAll();
        h2.bulkLoad(100, 10_000, NOW);

        String plan = String.join("\n", h2.explainDueSelect(NOW, 200));

        assertThat(plan).containsIgnoringCase("OUTPOST_RECIPIENT_DUE");
    }

    @Test
    void h2ClaimReadsOnlyTheRowsItTakesNotTheFinalOrOtherDueOnes() {
        // 9,000 final rows (NULL, which H2 sorts first in the index) and 100 due: a claim of 20 must touch about 20.
        h2.deleteAll();
        h2.bulkLoad(40, 10_000, NOW);

        String plan = String.join("\n", h2.explainAnalyzeDueSelect(NOW, 20));

        List<Integer> scanCounts = Pattern.compile("scanCount: (\\d+)")
                .matcher(plan)
                .results()
                .map(match -> Integer.parseInt(match.group(1)))
                .toList();
        assertThat(scanCounts).as(plan).isNotEmpty().allSatisfy(count -> assertThat(count)
                .isLessThanOrEqualTo(21));
    }

    @Test
    void postgresqlClaimUsesTheDueIndex() {
        // With a tiny table the planner rightly prefers a sequential scan: give it enough rows to choose.
        postgres.deleteAll();
        postgres.bulkLoad(500, 50_000, NOW);

        String plan = String.join("\n", postgres.explainDueSelect(NOW, 200));

        assertThat(plan).contains("Index Scan using outpost_recipient_due");
    }

    private static List<Long> ids(List<Claim> claims) {
        return claims.stream().map(Claim::recipientId).toList();
    }
}

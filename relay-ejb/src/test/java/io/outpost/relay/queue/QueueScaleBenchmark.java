package io.outpost.relay.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a claim of due recipients takes with 10,000 and with 1,000,000 recipient rows queued, on H2 and on
 * PostgreSQL: a benchmark run by {@code bench/queue-scale.sh}, not a test. Rows are bulk-loaded with SQL (90 % final,
 * 9 % deferred to the future, 1 % due), then {@value #CLAIMS} consecutive claims of {@value #LIMIT} rows each go through
 * the real {@link DueClaimer}, one transaction each, as {@link QueueStore#claimDue(int)} does.
 *
 * <p>Arguments: a work directory (H2 file and PostgreSQL data go there), then optionally the row counts to measure.
 * System property {@code queue.scale.databases}: which of {@code h2,postgresql} to run (default both).
 */
public final class QueueScaleBenchmark {

    static final int CLAIMS = 200;
    static final int LIMIT = 200;
    static final long LEASE_SECONDS = 300;

    private QueueScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/queue-scale");
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {10_000, 1_000_000};
        Files.createDirectories(work);
        System.out.printf(
                "# queue-scale %s nproc=%d load_avg='%s' java=%s%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                System.getProperty("java.version"));
        List<String> databases = List.of(
                System.getProperty("queue.scale.databases", "h2,postgresql").split(","));
        if (databases.contains("h2")) {
            try (QueueDatabase h2 = QueueDatabase.h2(work.resolve("h2"))) {
                run(h2, sizes);
            }
        }
        if (databases.contains("postgresql")) {
            try (QueueDatabase postgres = QueueDatabase.postgres(work.resolve("pg"))) {
                run(postgres, sizes);
            }
        }
    }

    private static void run(QueueDatabase db, int[] sizes) {
        // Warm-up: JIT, connection pool, statement caches; not reported.
        db.deleteAll();
        Instant warm = Instant.now();
        db.bulkLoad(40, 10_000, warm);
        measure(db, warm);

        for (int rows : sizes) {
            db.deleteAll();
            Instant now = Instant.now();
            long start = System.nanoTime();
            db.bulkLoad(Math.max(40, rows / 250), rows, now);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            // Write the bulk load out before measuring, so the claims do not pay for flushing it.
            db.inTransaction(em -> em.createNativeQuery("CHECKPOINT").executeUpdate());
            long pending = db.inTransaction(em -> ((Number) em.createNativeQuery(
                                    "SELECT COUNT(*) FROM outpost_recipient WHERE next_attempt_at IS NOT NULL")
                            .getSingleResult())
                    .longValue());
            System.out.printf(
                    Locale.ROOT,
                    "db=%s rows=%d pending=%d load_s=%.1f load_avg='%s'%n",
                    db.kind(),
                    rows,
                    pending,
                    loadSeconds,
                    loadAverage());
            System.out.println("  plan (EXPLAIN of the due select):");
            db.explainDueSelect(now, LIMIT).forEach(line -> System.out.println("    " + line));
            System.out.println("  plan (EXPLAIN ANALYZE, rolled back):");
            db.explainAnalyzeDueSelect(now, LIMIT).forEach(line -> System.out.println("    " + line));
            measure(db, now).print(db.kind(), rows);
        }
    }

    private static Result measure(QueueDatabase db, Instant now) {
        DueClaimer claimer = db.claimer();
        double[] millis = new double[CLAIMS];
        int[] claimed = new int[CLAIMS];
        for (int i = 0; i < CLAIMS; i++) {
            long start = System.nanoTime();
            claimed[i] = db.inTransaction(em -> claimer.claim(em, now, now.plusSeconds(LEASE_SECONDS), "bench", LIMIT))
                    .size();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Result(millis, claimed);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    private record Result(double[] millis, int[] claimed) {

        void print(String kind, int rows) {
            List<Double> all = new ArrayList<>();
            List<Double> nonEmpty = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < millis.length; i++) {
                all.add(millis[i]);
                if (claimed[i] > 0) {
                    nonEmpty.add(millis[i]);
                }
                total += claimed[i];
            }
            System.out.printf(
                    Locale.ROOT,
                    "db=%s rows=%d claims=%d limit=%d claimed_total=%d all_claims_ms %s | non_empty_claims=%d ms %s%n",
                    kind,
                    rows,
                    millis.length,
                    LIMIT,
                    total,
                    stats(all),
                    nonEmpty.size(),
                    stats(nonEmpty));
        }

        private static String stats(List<Double> values) {
            if (values.isEmpty()) {
                return "n/a";
            }
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted[sorted.length / 2];
            double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
            return String.format(Locale.ROOT, "median=%.2f p95=%.2f max=%.2f", median, p95, sorted[sorted.length - 1]);
        }
    }
}

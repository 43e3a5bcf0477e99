package io.outpost.relay.dkim;

/**
 * Tells linear from quadratic cost without a tight timer: the best of a few runs of the same work on inputs ten times
 * apart. Linear work takes about 10 times as long on the larger one, quadratic about 100 times; a bound in between
 * holds on a loaded machine, where single timings do not.
 */
final class LinearCost {

    private static final int RUNS = 3;

    private LinearCost() {}

    /** How many times longer {@code large} takes than {@code small}, each measured at its best after a warm-up. */
    static double ratio(ThrowingRunnable small, ThrowingRunnable large) throws Exception {
        small.run();
        large.run();
        return (double) best(large) / Math.max(1, best(small));
    }

    private static long best(ThrowingRunnable work) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /** The work measured; may throw anything, which fails the test. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

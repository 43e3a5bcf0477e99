package io.outpost.relay.dkim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Tells linear from quadratic cost without a tight timer: the best of a few runs of the same work on inputs ten times
 * apart, in CPU time of the measuring thread. Linear work takes about 10 times as long on the larger one, quadratic
 * about 100 times; a bound in between holds on a loaded machine, where single wall-clock timings do not.
 */
final class LinearCost {

    // CPU time of this thread, not wall-clock time: other processes on a busy machine do not count.
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 3;
    private static final int RUNS = 5;

    private LinearCost() {}

    /**
     * How many times longer {@code large} takes than {@code small}, each measured at its best after a warm-up that lets
     * the JIT compile both. Pick inputs that take milliseconds, not microseconds.
     */
    static double ratio(ThrowingRunnable small, ThrowingRunnable large) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            small.run();
            large.run();
        }
        return (double) best(large) / Math.max(1, best(small));
    }

    private static long best(ThrowingRunnable work) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.run();
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best;
    }

    /** The work measured; may throw anything, which fails the test. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

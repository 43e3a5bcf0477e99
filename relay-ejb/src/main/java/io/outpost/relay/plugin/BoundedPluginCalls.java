package io.outpost.relay.plugin;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool plugin calls run on: at most a fixed number of threads and no queue. A call that finds every thread busy is
 * refused at once, and {@link PluginChain} fails it closed (DEFER), instead of waiting behind calls that may never end.
 *
 * <p>What a plugin that ignores interrupts does: a call past its time limit is cancelled with an interrupt and the
 * caller goes on with DEFER at once, but Java cannot stop a thread that does not listen, so that call keeps its thread
 * until it returns by itself. Each such call holds one of the threads; when all are held, every plugin call fails closed
 * (logins deferred with {@code 454 4.7.0}, recipients with {@code 451 4.3.0}) until some return. The relay itself (its
 * sessions, queue and delivery) keeps its own threads and goes on. {@code PluginChainTest} shows it.
 */
public final class BoundedPluginCalls {

    private static final long IDLE_SECONDS = 60;

    private BoundedPluginCalls() {}

    /** A pool of at most {@code maxCalls} threads from {@code threads}, idle ones ending after a minute. */
    public static ExecutorService create(int maxCalls, ThreadFactory threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                maxCalls, maxCalls, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

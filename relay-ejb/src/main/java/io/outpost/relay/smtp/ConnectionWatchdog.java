package io.outpost.relay.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes a connection whose time is up even while its session thread cannot look at the clock: inside a TLS handshake,
 * or in a write to a client that does not read. Reads check their own deadlines and answer 421 first (see
 * {@link ClientInput}); this is the backstop. One timer thread serves every connection of a listener.
 */
final class ConnectionWatchdog implements AutoCloseable {

    /** Cancels the closing it was returned for. */
    interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger LOG = Logger.getLogger(ConnectionWatchdog.class.getName());

    private final ScheduledThreadPoolExecutor timer;

    ConnectionWatchdog(ThreadFactory threads) {
        timer = new ScheduledThreadPoolExecutor(1, threads);
        // Nearly every guard is cancelled long before it fires; keep cancelled ones from piling up in the queue.
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Closes the socket after {@code delay} unless the returned guard is closed first; at once if the watchdog has
     * been closed, as then the listener is stopping.
     */
    Guard closeAfter(Socket socket, Duration delay) {
        try {
            ScheduledFuture<?> closing = timer.schedule(() -> close(socket), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> closing.cancel(false);
        } catch (RejectedExecutionException stopping) {
            close(socket);
            return () -> {};
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "watchdog could not close a connection", e);
        }
    }
}

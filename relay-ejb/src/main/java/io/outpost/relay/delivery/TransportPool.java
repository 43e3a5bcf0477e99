package io.outpost.relay.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open SMTP connections kept for reuse, per remote host and port, so a burst of mail to one domain pays for one TCP and TLS
 * handshake instead of one per message. A connection is used by one thread at a time: it is either idle here or
 * leased to exactly one caller.
 */
final class TransportPool implements AutoCloseable {

    private final Session session;
    private final int maxPerRemoteHost;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<RemoteHost, Deque<Idle>> idle = new HashMap<>();
    private final Map<RemoteHost, Integer> open = new HashMap<>();
    private boolean closed;

    TransportPool(Session session, int maxPerRemoteHost, Duration idleTimeout, Clock clock) {
        this.session = session;
        this.maxPerRemoteHost = maxPerRemoteHost;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * A connected transport for {@code remoteHost}: a live idle one, or a new connection. When the host already has
     * its maximum of connections open, waits up to {@code maxWait} for one to come back; empty if none does.
     *
     * @throws MessagingException when a new connection cannot be made (refused, timed out, bad greeting)
     */
    Optional<TlsNotingTransport> acquire(RemoteHost remoteHost, Duration maxWait) throws MessagingException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<TlsNotingTransport> reused = takeIdle(remoteHost);
            if (reused.isPresent()) {
                // With mail.smtp.userset this sends RSET: it proves the connection alive and clears any transaction
                // state (RFC 5321 §4.1.1.5) before the next MAIL FROM.
                if (reused.get().isConnected()) {
                    return reused;
                }
                discard(remoteHost, reused.get());
                continue;
            }
            Reservation reservation = reserve(remoteHost, deadline);
            if (reservation == Reservation.GRANTED) {
                return Optional.of(connect(remoteHost));
            }
            if (reservation == Reservation.TIMED_OUT) {
                return Optional.empty();
            }
        }
    }

    /** Returns a leased transport; one that failed mid-transaction ({@code reusable} false) is closed. */
    void release(RemoteHost remoteHost, TlsNotingTransport transport, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed) {
                idle.computeIfAbsent(remoteHost, e -> new ArrayDeque<>()).push(new Idle(transport, clock.instant()));
                notifyAll();
                return;
            }
        }
        discard(remoteHost, transport);
    }

    /** Closes connections idle for longer than the idle timeout; the scheduler may call this now and then. */
    void evictIdle() {
        List<Map.Entry<RemoteHost, TlsNotingTransport>> stale = new ArrayList<>();
        synchronized (this) {
            Instant oldest = clock.instant().minus(idleTimeout);
            for (var entry : idle.entrySet()) {
                for (Iterator<Idle> it = entry.getValue().iterator(); it.hasNext(); ) {
                    Idle candidate = it.next();
                    if (candidate.since.isBefore(oldest)) {
                        it.remove();
                        stale.add(Map.entry(entry.getKey(), candidate.transport));
                    }
                }
            }
        }
        stale.forEach(e -> discard(e.getKey(), e.getValue()));
    }

    @Override
    public void close() {
        List<Map.Entry<RemoteHost, TlsNotingTransport>> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.forEach((remoteHost, queue) -> queue.forEach(i -> all.add(Map.entry(remoteHost, i.transport))));
            idle.clear();
        }
        all.forEach(e -> discard(e.getKey(), e.getValue()));
    }

    private Optional<TlsNotingTransport> takeIdle(RemoteHost remoteHost) {
        evictIdle();
        synchronized (this) {
            Deque<Idle> queue = idle.get(remoteHost);
            return queue == null || queue.isEmpty() ? Optional.empty() : Optional.of(queue.pop().transport);
        }
    }

    private TlsNotingTransport connect(RemoteHost remoteHost) throws MessagingException {
        TlsNotingTransport transport = new TlsNotingTransport(
                session, new URLName("smtp", remoteHost.hostname(), remoteHost.port(), null, null, null));
        try {
            transport.connect(remoteHost.address().getHostAddress(), remoteHost.port(), null, null);
            return transport;
        } catch (MessagingException | RuntimeException e) {
            discard(remoteHost, transport);
            throw e;
        }
    }

    /** Counts a new connection in, or waits (until the deadline) for a connection to this host to be returned. */
    private synchronized Reservation reserve(RemoteHost remoteHost, long deadline) {
        if (closed) {
            throw new IllegalStateException("outbound SMTP is closed");
        }
        int count = open.getOrDefault(remoteHost, 0);
        if (count < maxPerRemoteHost) {
            open.put(remoteHost, count + 1);
            return Reservation.GRANTED;
        }
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            return Reservation.TIMED_OUT;
        }
        try {
            wait(leftMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reservation.TIMED_OUT;
        }
        return Reservation.RETRY;
    }

    private enum Reservation {
        GRANTED,
        RETRY,
        TIMED_OUT
    }

    private void discard(RemoteHost remoteHost, TlsNotingTransport transport) {
        synchronized (this) {
            open.computeIfPresent(remoteHost, (e, count) -> count <= 1 ? null : count - 1);
            notifyAll();
        }
        try {
            transport.close();
        } catch (MessagingException alreadyGone) {
            // QUIT is a courtesy (RFC 5321 §4.1.1.10); a connection that cannot say it is closed all the same
        }
    }

    private record Idle(TlsNotingTransport transport, Instant since) {}
}

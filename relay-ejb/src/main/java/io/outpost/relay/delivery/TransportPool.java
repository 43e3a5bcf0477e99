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
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Open SMTP connections kept for reuse, per endpoint, so a burst of mail to one domain pays for one TCP and TLS
 * handshake instead of one per message. A connection is used by one thread at a time: it is either idle here or
 * leased to exactly one caller.
 */
final class TransportPool implements AutoCloseable {

    private final Session session;
    private final int maxPerEndpoint;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<Endpoint, Deque<Idle>> idle = new HashMap<>();
    private final Map<Endpoint, Integer> open = new HashMap<>();
    private boolean closed;

    TransportPool(Session session, int maxPerEndpoint, Duration idleTimeout, Clock clock) {
        this.session = session;
        this.maxPerEndpoint = maxPerEndpoint;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * A connected transport for {@code endpoint}: a live idle one, or a new connection. Empty when the endpoint already
     * has its maximum of connections open, all busy.
     *
     * @throws MessagingException when a new connection cannot be made (refused, timed out, bad greeting)
     */
    Optional<SMTPTransport> acquire(Endpoint endpoint) throws MessagingException {
        for (Optional<SMTPTransport> reused = takeIdle(endpoint); reused.isPresent(); reused = takeIdle(endpoint)) {
            // With mail.smtp.userset this sends RSET: it proves the connection alive and clears any transaction state
            // (RFC 5321 §4.1.1.5) before the next MAIL FROM.
            if (reused.get().isConnected()) {
                return reused;
            }
            discard(endpoint, reused.get());
        }
        if (!reserve(endpoint)) {
            return Optional.empty();
        }
        SMTPTransport transport = new SMTPTransport(session, new URLName("smtp", endpoint.hostname(), endpoint.port(), null, null, null));
        try {
            transport.connect(endpoint.address().getHostAddress(), endpoint.port(), null, null);
            return Optional.of(transport);
        } catch (MessagingException | RuntimeException e) {
            discard(endpoint, transport);
            throw e;
        }
    }

    /** Returns a leased transport; one that failed mid-transaction ({@code reusable} false) is closed. */
    void release(Endpoint endpoint, SMTPTransport transport, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed) {
                idle.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).push(new Idle(transport, clock.instant()));
                return;
            }
        }
        discard(endpoint, transport);
    }

    /** Closes connections idle for longer than the idle timeout; the scheduler may call this now and then. */
    void evictIdle() {
        List<Map.Entry<Endpoint, SMTPTransport>> stale = new ArrayList<>();
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
        List<Map.Entry<Endpoint, SMTPTransport>> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.forEach((endpoint, queue) -> queue.forEach(i -> all.add(Map.entry(endpoint, i.transport))));
            idle.clear();
        }
        all.forEach(e -> discard(e.getKey(), e.getValue()));
    }

    private Optional<SMTPTransport> takeIdle(Endpoint endpoint) {
        evictIdle();
        synchronized (this) {
            Deque<Idle> queue = idle.get(endpoint);
            return queue == null || queue.isEmpty() ? Optional.empty() : Optional.of(queue.pop().transport);
        }
    }

    private synchronized boolean reserve(Endpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("outbound SMTP is closed");
        }
        int count = open.getOrDefault(endpoint, 0);
        if (count >= maxPerEndpoint) {
            return false;
        }
        open.put(endpoint, count + 1);
        return true;
    }

    private void discard(Endpoint endpoint, SMTPTransport transport) {
        synchronized (this) {
            open.computeIfPresent(endpoint, (e, count) -> count <= 1 ? null : count - 1);
        }
        try {
            transport.close();
        } catch (MessagingException alreadyGone) {
            // QUIT is a courtesy (RFC 5321 §4.1.1.10); a connection that cannot say it is closed all the same
        }
    }

    private record Idle(SMTPTransport transport, Instant since) {}
}

package io.outpost.relay.content;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cap on message bytes that all sessions together may hold in memory. Each message being received reserves the
 * memory it may use before its first byte is read; past the cap there is no reservation and the session refuses the
 * message with a temporary error, so a crowd of clients slows mail down instead of exhausting the heap. Thread-safe.
 */
public final class InFlightBytes {

    private final long cap;
    private final AtomicLong reserved = new AtomicLong();

    public InFlightBytes(long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("the cap on bytes in flight must be positive");
        }
        this.cap = cap;
    }

    /** Room for {@code octets} more, or empty if that would pass the cap. */
    public Optional<Reservation> reserve(long octets) {
        long now;
        do {
            now = reserved.get();
            if (now + octets > cap) {
                return Optional.empty();
            }
        } while (!reserved.compareAndSet(now, now + octets));
        return Optional.of(new Reservation(octets));
    }

    /** Octets reserved right now. */
    public long reserved() {
        return reserved.get();
    }

    /** Memory held for one message until {@link #release()}; releasing twice releases once. */
    public final class Reservation {

        private final long octets;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation(long octets) {
            this.octets = octets;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                reserved.addAndGet(-octets);
            }
        }
    }
}

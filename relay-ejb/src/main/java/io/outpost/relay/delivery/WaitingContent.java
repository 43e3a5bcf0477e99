package io.outpost.relay.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many octets of just-committed messages their first attempts may keep in memory while they wait for a worker. A
 * message that does not fit is read back from the queue when its attempt starts, as a retry is, so a burst of large
 * messages waits in the database rather than on the heap. Safe for concurrent use.
 */
final class WaitingContent {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    WaitingContent(long limit) {
        this.limit = limit;
    }

    /** Takes room for {@code octets}; false, taking nothing, when they do not fit. */
    boolean take(long octets) {
        long before;
        do {
            before = held.get();
            if (before + octets > limit) {
                return false;
            }
        } while (!held.compareAndSet(before, before + octets));
        return true;
    }

    /** Gives back the room taken for {@code octets}: their attempt started, or never will. */
    void give(long octets) {
        held.addAndGet(-octets);
    }

    /** Octets held now. */
    long held() {
        return held.get();
    }
}

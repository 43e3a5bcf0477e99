package io.outpost.relay.smtp.auth;

import io.outpost.relay.smtp.auth.ThrottleEntry.Kind;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down and then blocks password guessing (RFC 4954 §9 asks servers to resist it): failed AUTH attempts are
 * counted per client IP and per user name, across connections, within a window. Past {@link Limits#delayAfter()}
 * failures each further failure is answered later, the delay doubling up to a cap; at {@link Limits#blockAfter()}
 * failures the IP or user name is blocked for {@link Limits#blockFor()}.
 *
 * <p>Counting per user name as well as per IP stops a botnet spreading guesses for one account over many addresses;
 * counting per IP stops one address trying many accounts. Thread-safe; one instance is shared by all sessions.
 */
public final class AuthThrottle {

    /**
     * The throttle's thresholds.
     *
     * @param delayAfter failures after which each further failure is delayed
     * @param firstDelay the first delay; each further failure doubles it
     * @param maxDelay the longest delay, so a session thread is never held for long
     * @param blockAfter failures at which the IP or user name is blocked
     * @param window how long failures are remembered, counted from the first one
     * @param blockFor how long a block lasts
     */
    public record Limits(
            int delayAfter,
            Duration firstDelay,
            Duration maxDelay,
            int blockAfter,
            Duration window,
            Duration blockFor) {

        public Limits {
            if (delayAfter < 0 || blockAfter < 1 || delayAfter >= blockAfter) {
                throw new IllegalArgumentException("need 0 <= delayAfter < blockAfter");
            }
            for (Duration d : List.of(firstDelay, maxDelay, window, blockFor)) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("durations may not be negative");
                }
            }
        }
    }

    /** 3 free failures, then 1 s doubling to 10 s; blocked for 15 minutes at 10 failures within 15 minutes. */
    public static final Limits DEFAULT_LIMITS = new Limits(
            3, Duration.ofSeconds(1), Duration.ofSeconds(10), 10, Duration.ofMinutes(15), Duration.ofMinutes(15));

    // Beyond this many remembered keys, expired ones are dropped on the next failure, bounding memory under attack.
    private static final int PRUNE_THRESHOLD = 4096;
    private static final int MAX_DOUBLINGS = 20;

    private record Key(Kind kind, String value) {}

    private static final class Counter {
        private final Instant windowStart;
        private int failures;
        private Instant blockedUntil;

        private Counter(Instant windowStart) {
            this.windowStart = windowStart;
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<Key, Counter> counters = new HashMap<>(); // guarded by this

    public AuthThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A throttle with {@link #DEFAULT_LIMITS} on the system clock. */
    public static AuthThrottle withDefaultLimits() {
        return new AuthThrottle(DEFAULT_LIMITS, Clock.systemUTC());
    }

    public synchronized boolean isBlocked(InetAddress client) {
        return blocked(ipKey(client));
    }

    public synchronized boolean isBlocked(String username) {
        return blocked(userKey(username));
    }

    /** Counts one failure for both keys and returns how long to wait before answering it. */
    public synchronized Duration recordFailure(InetAddress client, String username) {
        Instant now = clock.instant();
        if (counters.size() > PRUNE_THRESHOLD) {
            counters.entrySet().removeIf(entry -> expired(entry.getValue(), now));
        }
        int failures = Math.max(fail(ipKey(client), now), fail(userKey(username), now));
        if (failures <= limits.delayAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - limits.delayAfter() - 1, MAX_DOUBLINGS);
        Duration delay = limits.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    /**
     * Forgets the user name's failures. The IP's count stays: one valid account must not let an address go on
     * guessing the passwords of others.
     */
    public synchronized void recordSuccess(String username) {
        counters.remove(userKey(username));
    }

    /** The keys with failures or blocks now, for the admin API; expired entries are left out. */
    public synchronized List<ThrottleEntry> snapshot() {
        Instant now = clock.instant();
        List<ThrottleEntry> entries = new ArrayList<>();
        counters.forEach((key, counter) -> {
            if (!expired(counter, now)) {
                entries.add(new ThrottleEntry(
                        key.value(), key.kind(), counter.failures, Optional.ofNullable(counter.blockedUntil)));
            }
        });
        entries.sort(Comparator.comparing(ThrottleEntry::kind).thenComparing(ThrottleEntry::key));
        return List.copyOf(entries);
    }

    private boolean blocked(Key key) {
        Counter counter = current(key, clock.instant());
        return counter != null && counter.blockedUntil != null;
    }

    private int fail(Key key, Instant now) {
        Counter counter = current(key, now);
        if (counter == null) {
            counter = new Counter(now);
            counters.put(key, counter);
        }
        counter.failures++;
        if (counter.failures >= limits.blockAfter() && counter.blockedUntil == null) {
            counter.blockedUntil = now.plus(limits.blockFor());
        }
        return counter.failures;
    }

    private Counter current(Key key, Instant now) {
        Counter counter = counters.get(key);
        if (counter != null && expired(counter, now)) {
            counters.remove(key);
            return null;
        }
        return counter;
    }

    private boolean expired(Counter counter, Instant now) {
        if (counter.blockedUntil != null) {
            return !now.isBefore(counter.blockedUntil);
        }
        return !now.isBefore(counter.windowStart.plus(limits.window()));
    }

    private static Key ipKey(InetAddress client) {
        return new Key(Kind.IP, client.getHostAddress());
    }

    // Lower case, so that "Alice" and "alice" share one count whatever the authenticator thinks of case.
    private static Key userKey(String username) {
        return new Key(Kind.USERNAME, username.toLowerCase(Locale.ROOT));
    }
}

package io.outpost.relay.login;

import io.outpost.relay.login.ThrottleEntry.Kind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resists password guessing (RFC 4954 §9) without letting anyone lock a known name out. Failed logins are counted,
 * across connections and within a window, three ways:
 *
 * <ul>
 *   <li>per client address: at {@link Limits#addressBlockAfter()} failures the address is blocked, whatever name it
 *       tries (one address guessing many accounts);
 *   <li>per address and name: at {@link Limits#pairBlockAfter()} failures that address is blocked for that name (one
 *       address guessing one account);
 *   <li>per name, from anywhere: never blocked, only slowed. Past {@link Limits#nameDelayAfter()} failures each
 *       further failure for the name is answered later, the delay doubling up to {@link Limits#maxDelay()} (a botnet
 *       spreading guesses for one account over many addresses).
 * </ul>
 *
 * A name is never blocked outright, so guesses from elsewhere cannot lock its owner out: the right password from an
 * address that has not failed is accepted at once, and only failures wait. IPv6 clients are counted per /64, the
 * smallest network an end site is given (RFC 6177), so rotating addresses within one does not evade the count. Each
 * of the three tables holds at most {@link Limits#maxEntries()} entries, the oldest forgotten first, so an attacker
 * rotating addresses or names cannot grow memory without limit. Thread-safe; one instance is shared by all sessions.
 */
public final class AuthThrottle {

    /**
     * The throttle's thresholds.
     *
     * @param pairBlockAfter failures of one address for one name at which that pair is blocked
     * @param addressBlockAfter failures of one address, for any names, at which the address is blocked
     * @param window how long failures are remembered, counted from the first one
     * @param blockFor how long a block lasts
     * @param nameDelayAfter failures of one name, from anywhere, after which each further failure is delayed
     * @param firstDelay the first delay; each further failure of the name doubles it
     * @param maxDelay the longest delay, so a session or request thread is never held for long
     * @param maxEntries the most addresses, pairs and names each remembered at once
     */
    public record Limits(
            int pairBlockAfter,
            int addressBlockAfter,
            Duration window,
            Duration blockFor,
            int nameDelayAfter,
            Duration firstDelay,
            Duration maxDelay,
            int maxEntries) {

        public Limits {
            if (pairBlockAfter < 1 || addressBlockAfter < pairBlockAfter || nameDelayAfter < 0 || maxEntries < 1) {
                throw new IllegalArgumentException(
                        "need 1 <= pairBlockAfter <= addressBlockAfter, nameDelayAfter >= 0, maxEntries >= 1");
            }
            for (Duration d : List.of(window, blockFor, firstDelay, maxDelay)) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("durations may not be negative");
                }
            }
        }
    }

    /**
     * An address is blocked for a name at 5 failures and for every name at 10, within 15 minutes, for 15 minutes; a
     * name's failures are delayed after 3, 1 s doubling to 10 s. At most 20,000 entries per table (a few MB).
     */
    public static final Limits DEFAULT_LIMITS = new Limits(
            5,
            10,
            Duration.ofMinutes(15),
            Duration.ofMinutes(15),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            20_000);

    private static final int MAX_DOUBLINGS = 20;
    private static final int IPV6_NETWORK_BYTES = 8;

    private record Pair(String address, String name) {}

    private final Limits limits;
    private final Clock clock;
    // Each guarded by this.
    private final Counters<String> addresses;
    private final Counters<Pair> pairs;
    private final Counters<String> names;

    public AuthThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.addresses = new Counters<>(limits.maxEntries());
        this.pairs = new Counters<>(limits.maxEntries());
        this.names = new Counters<>(limits.maxEntries());
    }

    /** A throttle with {@link #DEFAULT_LIMITS} on the system clock. */
    public static AuthThrottle withDefaultLimits() {
        return new AuthThrottle(DEFAULT_LIMITS, Clock.systemUTC());
    }

    /** The throttle's thresholds, e.g. for a {@code Retry-After}. */
    public Limits limits() {
        return limits;
    }

    /** True while the client's address is blocked for every name. */
    public synchronized boolean isBlocked(InetAddress client) {
        return addresses.blocked(addressOf(client), clock.instant());
    }

    /** True while the client may not try {@code name}: its address is blocked, or blocked for this name. */
    public synchronized boolean isBlocked(InetAddress client, String name) {
        Instant now = clock.instant();
        String address = addressOf(client);
        return addresses.blocked(address, now) || pairs.blocked(new Pair(address, nameOf(name)), now);
    }

    /** Counts one failure of {@code client} for {@code name}; returns how long to wait before answering it. */
    public synchronized Duration recordFailure(InetAddress client, String name) {
        Instant now = clock.instant();
        String address = addressOf(client);
        addresses.fail(address, now, limits.addressBlockAfter());
        pairs.fail(new Pair(address, nameOf(name)), now, limits.pairBlockAfter());
        return delayFor(names.fail(nameOf(name), now, Integer.MAX_VALUE));
    }

    /**
     * Forgets the client's failures for {@code name}. The address's count stays (one valid account must not let an
     * address go on guessing others), and so does the name's (a success must not reset the slowing of an attack on the
     * name from elsewhere).
     */
    public synchronized void recordSuccess(InetAddress client, String name) {
        pairs.forget(new Pair(addressOf(client), nameOf(name)));
    }

    /** The addresses, pairs and names with failures now, for the admin API; expired entries are left out. */
    public synchronized List<ThrottleEntry> snapshot() {
        Instant now = clock.instant();
        List<ThrottleEntry> entries = new ArrayList<>();
        addresses
                .live(now)
                .forEach((address, counter) -> entries.add(new ThrottleEntry(
                        Kind.ADDRESS,
                        Optional.of(address),
                        Optional.empty(),
                        counter.failures,
                        counter.blockedUntil(),
                        Duration.ZERO)));
        pairs.live(now)
                .forEach((pair, counter) -> entries.add(new ThrottleEntry(
                        Kind.ADDRESS_AND_NAME,
                        Optional.of(pair.address()),
                        Optional.of(pair.name()),
                        counter.failures,
                        counter.blockedUntil(),
                        Duration.ZERO)));
        names.live(now)
                .forEach((name, counter) -> entries.add(new ThrottleEntry(
                        Kind.NAME,
                        Optional.empty(),
                        Optional.of(name),
                        counter.failures,
                        Optional.empty(),
                        delayFor(counter.failures + 1))));
        entries.sort(Comparator.comparing(ThrottleEntry::kind)
                .thenComparing(e -> e.address().orElse(""))
                .thenComparing(e -> e.name().orElse("")));
        return List.copyOf(entries);
    }

    private Duration delayFor(int nameFailures) {
        if (nameFailures <= limits.nameDelayAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(nameFailures - limits.nameDelayAfter() - 1, MAX_DOUBLINGS);
        Duration delay = limits.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    // RFC 6177: an IPv6 end site gets a /64 or more, so its hosts are one client to the throttle.
    private static String addressOf(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client.getHostAddress();
        }
        byte[] network = Arrays.copyOf(Arrays.copyOf(client.getAddress(), IPV6_NETWORK_BYTES), 16);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    // Lower case, so that "Alice" and "alice" share one count whatever the authenticator thinks of case.
    private static String nameOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Failure counts within a window, with blocks, in a table that forgets its oldest entry when full. */
    private final class Counters<K> {

        private final Map<K, Counter> counters;

        Counters(int maxEntries) {
            // Insertion order: the eldest entry is the one whose window started first, the likeliest to be over.
            this.counters = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Counter> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        boolean blocked(K key, Instant now) {
            Counter counter = current(key, now);
            return counter != null && counter.blockedUntil != null;
        }

        /** Counts a failure, blocking the key at {@code blockAfter}; returns the failures in the window. */
        int fail(K key, Instant now, int blockAfter) {
            Counter counter = current(key, now);
            if (counter == null) {
                counter = new Counter(now);
                counters.put(key, counter);
            }
            counter.failures++;
            if (counter.failures >= blockAfter && counter.blockedUntil == null) {
                counter.blockedUntil = now.plus(limits.blockFor());
            }
            return counter.failures;
        }

        void forget(K key) {
            counters.remove(key);
        }

        Map<K, Counter> live(Instant now) {
            counters.values().removeIf(counter -> counter.expired(now));
            return counters;
        }

        private Counter current(K key, Instant now) {
            Counter counter = counters.get(key);
            if (counter != null && counter.expired(now)) {
                counters.remove(key);
                return null;
            }
            return counter;
        }
    }

    private final class Counter {
        private final Instant windowStart;
        private int failures;
        private Instant blockedUntil;

        private Counter(Instant windowStart) {
            this.windowStart = windowStart;
        }

        Optional<Instant> blockedUntil() {
            return Optional.ofNullable(blockedUntil);
        }

        boolean expired(Instant now) {
            if (blockedUntil != null) {
                return !now.isBefore(blockedUntil);
            }
            return !now.isBefore(windowStart.plus(limits.window()));
        }
    }
}

package io.outpost.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a deferred message again: exponential back-off from an initial delay, capped, until the message has been
 * queued for its lifetime (RFC 5321 §4.5.4.1: retry for at least 4–5 days, at intervals of at least 30 minutes
 * once the first few tries failed).
 *
 * <p>The last retry is pulled in to fall exactly at the end of the lifetime, so a message is tried once more when it
 * is as old as it may get, and then expires. No jitter: the queue spreads the load by when each message arrived.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class RetryPolicy {

    private final Duration initialBackoff;
    private final double factor;
    private final Duration maxBackoff;
    private final Duration lifetime;

    /**
     * @param initialBackoff the delay after the first failed attempt, e.g. 5 minutes
     * @param factor what each further delay is multiplied by, at least 1
     * @param maxBackoff the longest delay between two attempts, e.g. 4 hours
     * @param lifetime how long after it was queued a message is given up, e.g. 5 days
     */
    public RetryPolicy(Duration initialBackoff, double factor, Duration maxBackoff, Duration lifetime) {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initialBackoff);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be at least 1: " + factor);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + " is below initial " + initialBackoff);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        this.initialBackoff = initialBackoff;
        this.factor = factor;
        this.maxBackoff = maxBackoff;
        this.lifetime = lifetime;
    }

    /** 5 minutes, doubling, at most 4 hours apart, for 5 days: what Postfix and RFC 5321 §4.5.4.1 suggest. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMinutes(5), 2.0, Duration.ofHours(4), Duration.ofDays(5));
    }

    /**
     * The time of the next attempt after {@code attemptsMade} failed ones (at least 1), or empty when the message has
     * reached its lifetime and must expire (bounce with the last reply).
     */
    public Optional<Instant> nextAttempt(int attemptsMade, Instant firstQueuedAt, Instant now) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a retry follows at least one attempt: " + attemptsMade);
        }
        Instant expiry = firstQueuedAt.plus(lifetime);
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        Instant next = now.plus(backoff(attemptsMade));
        return Optional.of(next.isAfter(expiry) ? expiry : next);
    }

    /** The delay after {@code attemptsMade} failed attempts: initial × factor^(attempts − 1), capped. */
    public Duration backoff(int attemptsMade) {
        double millis = initialBackoff.toMillis() * Math.pow(factor, attemptsMade - 1);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    public Duration lifetime() {
        return lifetime;
    }
}

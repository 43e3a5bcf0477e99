package io.outpost.relay.config;

import java.time.Duration;

/**
 * How webhooks are sent.
 *
 * @param allowHttp plain http URLs are accepted (otherwise https only)
 * @param allowPrivateAddresses URLs whose host is at a loopback, private, link-local or other special address are
 *     accepted (otherwise refused: the relay must not be made to POST into its own network)
 * @param threads how many endpoints are sent to at once: webhooks' own threads, never mail's
 * @param retryInitial the wait after an endpoint's first failure, doubled after each further one up to {@code retryMax}
 * @param giveUpAfter how long an endpoint may keep failing before it is disabled
 * @param logRetention how long each endpoint's delivery log keeps a line
 */
public record WebhookSettings(
        boolean allowHttp,
        boolean allowPrivateAddresses,
        int threads,
        Duration retryInitial,
        Duration retryMax,
        Duration giveUpAfter,
        Duration logRetention) {

    /** The wait before the next attempt after {@code failures} failures in a row (exponential backoff). */
    public Duration backoff(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) < 0 ? wait : retryMax;
    }
}

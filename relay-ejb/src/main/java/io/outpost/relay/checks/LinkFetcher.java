package io.outpost.relay.checks;

import io.outpost.relay.webhook.WebhookUrls;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a message's links and images to see whether they work: all at once, each with a time limit and all within
 * one. HEAD first (nothing downloaded), then GET when HEAD is refused (servers that do not implement HEAD answer 405,
 * others 403 or 404). Redirects are followed by hand, at most {@link #MAX_REDIRECTS}, each target checked as the first
 * one: only http and https, and, unless the operator allows it, no host that resolves to a loopback, private,
 * link-local or other special address ({@link WebhookUrls}, the rule webhooks follow): a tenant must not make the
 * relay fetch from the operator's own network (server-side request forgery). Each request goes to an address that
 * check saw ({@link PinnedExchange}), so a second answer for the name cannot turn it inward. Thread-safe.
 */
final class LinkFetcher {

    static final int MAX_REDIRECTS = 5;

    /** How a link came out. */
    enum Outcome {
        /** Answered 2xx (after redirects). */
        WORKS,
        /** Answered 4xx or 5xx, or its host could not be reached. */
        BROKEN,
        /** No answer within the time limit. */
        SLOW,
        /** Not fetched: the address is one the relay may not fetch from. */
        REFUSED
    }

    /** One link's outcome, with the status or reason in words. */
    record Fetched(URI url, Outcome outcome, String detail) {}

    private final Executor executor;
    private final WebhookUrls allowed;
    private final Duration eachLimit;
    private final Duration totalLimit;

    /**
     * @param executor runs the look-ups of each link's host (which block) and the HTTP exchanges, side by side: the
     *     common fork-join pool has one thread on a two-core machine
     */
    LinkFetcher(WebhookUrls allowed, Duration eachLimit, Duration totalLimit, Executor executor) {
        this.executor = executor;
        this.allowed = allowed;
        this.eachLimit = eachLimit;
        this.totalLimit = totalLimit;
    }

    /** Each URL's outcome, in the order given; those without an answer by the total limit are {@link Outcome#SLOW}. */
    List<Fetched> fetchAll(List<URI> urls) {
        List<CompletableFuture<Fetched>> pending = new ArrayList<>();
        for (URI url : urls) {
            pending.add(
                    CompletableFuture.supplyAsync(() -> url, executor).thenCompose(first -> fetch(first, first, 0)));
        }
        long deadline = System.nanoTime() + totalLimit.toNanos();
        List<Fetched> results = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            results.add(await(pending.get(i), urls.get(i), deadline));
        }
        return results;
    }

    private Fetched await(CompletableFuture<Fetched> pending, URI url, long deadline) {
        try {
            return pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Fetched(url, Outcome.SLOW, "no answer within " + totalLimit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched(url, Outcome.SLOW, "not checked: the check was stopped");
        } catch (ExecutionException e) {
            return new Fetched(url, Outcome.BROKEN, "could not be fetched: " + e.getCause());
        }
    }

    private CompletableFuture<Fetched> fetch(URI original, URI url, int redirects) {
        WebhookUrls.Checked target;
        try {
            target = allowed.checked(url.toString());
        } catch (WebhookUrls.RefusedUrl e) {
            return CompletableFuture.completedFuture(
                    new Fetched(original, Outcome.REFUSED, "not fetched: it " + e.getMessage()));
        }
        return send(target, "HEAD")
                .thenCompose(
                        head -> head.status() >= 400 ? send(target, "GET") : CompletableFuture.completedFuture(head))
                .thenCompose(answer -> followed(original, target.uri(), answer, redirects))
                .exceptionally(failure -> failed(original, failure));
    }

    private CompletableFuture<Fetched> followed(URI original, URI url, PinnedExchange.Answer answer, int redirects) {
        int status = answer.status();
        if (status >= 300 && status < 400) {
            if (redirects >= MAX_REDIRECTS) {
                return done(original, Outcome.BROKEN, "more than " + MAX_REDIRECTS + " redirects");
            }
            return answer.location()
                    .map(location -> fetch(original, url.resolve(location), redirects + 1))
                    .orElseGet(() -> done(original, Outcome.BROKEN, "HTTP " + status + " without a Location"));
        }
        String answered = "HTTP " + status + (redirects > 0 ? " at " + url : "");
        return done(original, status < 300 ? Outcome.WORKS : Outcome.BROKEN, answered);
    }

    // To the address the check saw, never to a second look-up of the name (PinnedExchange). GET's body is not read:
    // the status says whether the link works.
    private CompletableFuture<PinnedExchange.Answer> send(WebhookUrls.Checked target, String method) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return PinnedExchange.send(
                                target.uri(), target.addresses().get(0), method, eachLimit);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
    }

    private static Fetched failed(URI url, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SocketTimeoutException) {
            return new Fetched(url, Outcome.SLOW, "no answer in time");
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Fetched(url, Outcome.BROKEN, "unreachable (" + reason + ")");
    }

    private static CompletableFuture<Fetched> done(URI url, Outcome outcome, String detail) {
        return CompletableFuture.completedFuture(new Fetched(url, outcome, detail));
    }
}

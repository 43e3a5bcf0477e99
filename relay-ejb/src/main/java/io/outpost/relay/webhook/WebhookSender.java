package io.outpost.relay.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one event to one endpoint, signed, and says how it went. Redirects are not followed (a redirect could point
 * anywhere, the checks of {@link WebhookUrls} bypassed); any answer but a 2xx is a failure, retried later.
 */
public final class WebhookSender {

    /** How long a connection and a whole request may take before the attempt counts as failed. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What an attempt came to: the HTTP status if there was an answer, and a line for the delivery log. */
    public record Result(boolean sent, Optional<Integer> status, String detail, Duration took) {}

    private final HttpClient client;
    private final Clock clock;

    public WebhookSender(Executor httpExecutor, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
        this.clock = clock;
    }

    /** Sends {@code body} (JSON) for the event {@code eventId}, signed with {@code secret}. */
    public Result send(URI url, String secret, long eventId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Outpost-Webhooks/1")
                .header("Outpost-Event-Id", Long.toString(eventId))
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        long start = System.nanoTime();
        // The whole exchange, the answer's body included, within the limit: a receiver that trickles its answer must
        // not hold a webhook thread (the request's own timeout ends at the answer's headers).
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = exchange.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            boolean sent = status >= 200 && status < 300;
            return new Result(sent, Optional.of(status), "HTTP " + status, elapsed(start));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Result(false, Optional.empty(), "no complete answer within " + REQUEST_TIMEOUT, elapsed(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result(false, Optional.empty(), "no answer: " + describe(cause), elapsed(start));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(false, Optional.empty(), "interrupted: the server is stopping", elapsed(start));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

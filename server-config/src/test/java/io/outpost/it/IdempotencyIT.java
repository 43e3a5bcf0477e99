package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code Idempotency-Key} header of {@code POST /api/v1/messages}, against the real server: a retry gets the first
 * answer and sends nothing twice; the key with another request is refused; a malformed key is a 400 naming the header;
 * two tenants' keys never meet.
 */
class IdempotencyIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    private static String message(ApiSender sender, String marker) {
        return "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + marker + "@ok.test\"],\"subject\":\"" + marker
                + "\",\"text\":\"hi\"}";
    }

    private static HttpResponse<String> post(ApiSender sender, String body, String key) throws Exception {
        return sender.api()
                .send(
                        "POST",
                        "/messages",
                        Optional.of(body),
                        "Content-Type",
                        "application/json",
                        "Idempotency-Key",
                        key);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndTheMessageGoesOutOnce() throws Exception {
        ApiSender sender = ApiSender.create("idem");
        String marker = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "order-" + marker;

        HttpResponse<String> first = post(sender, message(sender, marker), key);
        HttpResponse<String> retry = post(sender, message(sender, marker), key);

        JsonObject firstAnswer = PublishedDomains.json(first, 202);
        JsonObject retried = PublishedDomains.json(retry, 202);
        assertThat(retried.getString("id")).isEqualTo(firstAnswer.getString("id"));
        assertThat(retried.getInt("recipients")).isEqualTo(1);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        awaitDelivered(marker);
        Thread.sleep(500);
        assertThat(TestNetwork.MX.transactions())
                .filteredOn(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker))
                .hasSize(1);

        // Another tenant's key of the same name is its own.
        ApiSender other = ApiSender.create("idem-other");
        JsonObject others = PublishedDomains.json(post(other, message(other, marker + "-b"), key), 202);
        assertThat(others.getString("id")).isNotEqualTo(firstAnswer.getString("id"));
    }

    @Test
    void theKeyWithAnotherRequestIsRefusedAndAMalformedKeyIsA400() throws Exception {
        ApiSender sender = ApiSender.create("idem-reuse");
        String marker = "reuse-" + UUID.randomUUID().toString().substring(0, 8);
        PublishedDomains.json(post(sender, message(sender, marker), marker), 202);

        HttpResponse<String> reused = post(sender, message(sender, marker + "-changed"), marker);
        HttpResponse<String> malformed = post(sender, message(sender, marker), "has spaces in it");

        JsonObject problem = PublishedDomains.json(reused, 422);
        assertThat(problem.getString("type")).isEqualTo("urn:outpost:problem:idempotency-key-reused");
        assertThat(problem.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("Idempotency-Key");
        JsonObject invalid = PublishedDomains.json(malformed, 400);
        assertThat(invalid.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("Idempotency-Key");
    }

    private static void awaitDelivered(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && TestNetwork.MX.transactions().stream()
                        .noneMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker))) {
            Thread.sleep(100);
        }
    }
}

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
        return post(sender, "/messages", body, key);
    }

    private static HttpResponse<String> post(ApiSender sender, String path, String body, String key) throws Exception {
        return sender.api()
                .send("POST", path, Optional.of(body), "Content-Type", "application/json", "Idempotency-Key", key);
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

    @Test
    void aRetriedBatchGetsItsFirstAnswerWordForWordAndEachRecipientGetsOneMessage() throws Exception {
        ApiSender sender = ApiSender.create("idem-batch");
        String marker = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        String batch = "{\"from\":\"" + sender.from() + "\",\"subject\":\"" + marker + " {{n}}\",\"text\":\"hi\","
                + "\"recipients\":[{\"to\":\"" + marker + "-a@ok.test\",\"data\":{\"n\":1}},"
                + "{\"to\":\"not an address\"},{\"to\":\"" + marker + "-b@ok.test\",\"data\":{\"n\":2}}]}";

        HttpResponse<String> first = post(sender, "/messages/batch", batch, marker);
        HttpResponse<String> retry = post(sender, "/messages/batch", batch, marker);
        HttpResponse<String> another = post(sender, "/messages/batch", batch.replace("\"hi\"", "\"hello\""), marker);
        HttpResponse<String> asAMessage = post(sender, "/messages", message(sender, marker), marker);

        JsonObject answer = PublishedDomains.json(first, 200);
        assertThat(answer.getInt("accepted")).isEqualTo(2);
        assertThat(answer.getInt("rejected")).isEqualTo(1);
        assertThat(PublishedDomains.json(retry, 200)).isEqualTo(answer);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(PublishedDomains.json(another, 422).getString("type"))
                .isEqualTo("urn:outpost:problem:idempotency-key-reused");
        assertThat(PublishedDomains.json(asAMessage, 422).getString("type"))
                .isEqualTo("urn:outpost:problem:idempotency-key-reused");
        awaitDelivered(marker + "-a@");
        awaitDelivered(marker + "-b@");
        Thread.sleep(500);
        assertThat(TestNetwork.MX.transactions())
                .filteredOn(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker))
                .hasSize(2);
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

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in the real server, sent to a receiver this test runs: every event of the tenant's messages arrives signed
 * and in order; a receiver that fails at first gets them later, in the same order; an endpoint that never answers is
 * disabled; a replay sends events again; another tenant cannot see or touch the endpoint.
 */
class WebhookIT {

    /** A request the receiver got: its signature header and body. */
    record Received(String signature, String eventId, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
            if (status == 204) {
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst("Outpost-Signature"),
                        exchange.getRequestHeaders().getFirst("Outpost-Event-Id"),
                        new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void everyEventOfTheTenantsMessagesArrivesSignedAndInOrderEvenAfterTheReceiverFailedAtFirst() throws Exception {
        ApiSender sender = ApiSender.create("hooks");
        String url = startReceiver();
        JsonObject webhook = register(sender, "{\"url\":\"" + url + "\"}");
        String secret = webhook.getString("secret");
        // The receiver answers 500 to the first two requests: the relay retries, and keeps the order.
        failFirst.set(2);

        String id = sender.send("hooks-" + UUID.randomUUID());

        List<Received> events =
                awaitReceived(r -> r.json().getString("messageId").equals(id), 2);
        assertThat(events).extracting(r -> r.json().getString("kind")).containsExactly("QUEUED", "DELIVERED");
        for (Received event : events) {
            // The check a receiver makes (docs/webhooks.md): HMAC-SHA256 over "<t>.<body>" with the secret.
            String[] parts = event.signature().split(",");
            String t = parts[0].substring("t=".length());
            assertThat(parts[1]).isEqualTo("v1=" + hmac(secret, t + "." + event.body()));
            assertThat(Math.abs(Long.parseLong(t) - System.currentTimeMillis() / 1000))
                    .isLessThan(300);
            assertThat(event.eventId()).isEqualTo(event.json().getString("id"));
            assertThat(event.json().getString("webhookId")).isEqualTo(webhook.getString("id"));
        }
        assertThat(events.get(1).json().getString("recipient")).startsWith("to-hooks-");

        JsonObject log = PublishedDomains.json(
                sender.api().get("/webhooks/" + webhook.getString("id") + "/deliveries?limit=10"), 200);
        List<String> outcomes = log.getJsonArray("deliveries").getValuesAs(JsonValue::asJsonObject).stream()
                .map(line ->
                        line.getString("outcome") + (line.containsKey("status") ? " " + line.getInt("status") : ""))
                .toList();
        // Newest first: the two sent, after two failed attempts of the first.
        assertThat(outcomes).containsExactly("SENT 204", "SENT 204", "FAILED 500", "FAILED 500");
        JsonObject state = PublishedDomains.json(sender.api().get("/webhooks/" + webhook.getString("id")), 200);
        assertThat(state.getInt("failures")).isZero();
        assertThat(state.containsKey("secret")).isFalse();

        // A replay from just before the QUEUED event sends both again, in order.
        String from = Long.toString(Long.parseLong(events.get(0).json().getString("cursor")) - 1);
        HttpResponse<String> replay =
                sender.api().post("/webhooks/" + webhook.getString("id") + "/replay", "{\"cursor\":\"" + from + "\"}");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(awaitReceived(r -> r.json().getString("messageId").equals(id), 4))
                .extracting(r -> r.json().getString("kind"))
                .containsExactly("QUEUED", "DELIVERED", "QUEUED", "DELIVERED");
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndSaysWhyUntilEnabledAgain() throws Exception {
        ApiSender sender = ApiSender.create("hooks-down");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        JsonObject webhook =
                register(sender, "{\"url\":\"http://127.0.0.1:" + closedPort + "/hook\",\"events\":[\"QUEUED\"]}");
        String path = "/webhooks/" + webhook.getString("id");

        sender.send("down-" + UUID.randomUUID());

        // The test server gives up after 6 s of failures (outpost.webhooks.give-up-after).
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonObject state;
        do {
            Thread.sleep(250);
            state = PublishedDomains.json(sender.api().get(path), 200);
        } while (!state.containsKey("disabledAt") && System.nanoTime() < deadline);
        assertThat(state.getString("disabledReason")).contains("failing since").contains("no answer");
        List<JsonObject> log = PublishedDomains.json(sender.api().get(path + "/deliveries"), 200)
                .getJsonArray("deliveries")
                .getValuesAs(JsonValue::asJsonObject);
        assertThat(log.get(0).getString("outcome")).isEqualTo("DISABLED");
        assertThat(log.subList(1, log.size())).isNotEmpty().allMatch(line -> line.getString("outcome")
                .equals("FAILED"));

        JsonObject enabled = PublishedDomains.json(sender.api().post(path + "/enable", ""), 200);
        assertThat(enabled.containsKey("disabledAt")).isFalse();
        assertThat(enabled.getInt("failures")).isZero();
    }

    @Test
    void anotherTenantCannotSeeOrTouchTheEndpointAndBadInputIsNamed() throws Exception {
        ApiSender owner = ApiSender.create("hooks-owner");
        ApiSender other = ApiSender.create("hooks-other");
        String path = "/webhooks/"
                + register(owner, "{\"url\":\"" + startReceiver() + "\"}").getString("id");

        assertThat(other.api().get(path).statusCode()).isEqualTo(404);
        assertThat(other.api().get(path + "/deliveries").statusCode()).isEqualTo(404);
        assertThat(other.api().post(path + "/replay", "{\"cursor\":\"0\"}").statusCode())
                .isEqualTo(404);
        assertThat(other.api().delete(path).statusCode()).isEqualTo(404);
        assertThat(PublishedDomains.json(other.api().get("/webhooks"), 200).getJsonArray("webhooks"))
                .isEmpty();
        assertThat(ApiClient.anonymous().get("/webhooks").statusCode()).isEqualTo(401);
        assertThat(ApiClient.admin().get("/webhooks").statusCode()).isIn(401, 403);

        HttpResponse<String> bad =
                owner.api().post("/webhooks", "{\"url\":\"ftp://x.test/\",\"events\":[\"NOPE\"],\"x\":1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("\"url\"", "\"events\"", "\"x\"");
        HttpResponse<String> badCursor = owner.api().post(path + "/replay", "{\"cursor\":\"99999999999999\"}");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("\"cursor\"");

        assertThat(owner.api().delete(path).statusCode()).isEqualTo(204);
        assertThat(owner.api().get(path).statusCode()).isEqualTo(404);
    }

    private static JsonObject register(ApiSender sender, String body) throws Exception {
        return PublishedDomains.json(sender.api().post("/webhooks", body), 201);
    }

    private List<Received> awaitReceived(Predicate<Received> matching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        List<Received> found;
        do {
            Thread.sleep(100);
            found = received.stream().filter(matching).toList();
        } while (found.size() < count && System.nanoTime() < deadline);
        assertThat(found).as("webhook requests received").hasSize(count);
        return found;
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}

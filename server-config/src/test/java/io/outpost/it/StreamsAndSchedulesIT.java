package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message streams and scheduled sending, against the real server: the stream comes from the request, else the API
 * key's or SMTP credential's default, else the tenant's; SMTP's X-Outpost-Stream field chooses it and never leaves; a
 * scheduled message waits for its time and can be cancelled until then, by its own tenant only.
 */
class StreamsAndSchedulesIT {

    private static ApiSender tenant;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        tenant = ApiSender.create("streams");
    }

    @Test
    void theStreamComesFromTheRequestElseTheKeyElseTheTenant() throws Exception {
        String marker = marker();
        String bulkKey = ApiClient.stringMember(
                ApiClient.admin().post("/admin/tenants/" + tenant.id() + "/api-keys", "{\"stream\":\"bulk\"}"), "key");
        ApiClient bulkApi = ApiClient.bearer(bulkKey);

        String byTenant = send(tenant.api(), marker + "-a", "");
        String byKey = send(bulkApi, marker + "-b", "");
        String byRequest = send(bulkApi, marker + "-c", ",\"stream\":\"transactional\"");
        HttpResponse<String> changed =
                ApiClient.admin().put("/admin/tenants/" + tenant.id() + "/default-stream", "{\"stream\":\"bulk\"}");
        String byNewTenantDefault = send(tenant.api(), marker + "-d", "");
        HttpResponse<String> unknown = tenant.api().post("/messages", body(marker + "-e", ",\"stream\":\"marketing\""));
        ApiClient.admin().put("/admin/tenants/" + tenant.id() + "/default-stream", "{\"stream\":\"transactional\"}");

        assertThat(story(byTenant).getString("stream")).isEqualTo("transactional");
        assertThat(story(byKey).getString("stream")).isEqualTo("bulk");
        assertThat(story(byRequest).getString("stream")).isEqualTo("transactional");
        assertThat(PublishedDomains.json(changed, 200).getString("defaultStream"))
                .isEqualTo("bulk");
        assertThat(story(byNewTenantDefault).getString("stream")).isEqualTo("bulk");
        JsonObject problem = PublishedDomains.json(unknown, 400);
        assertThat(problem.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("stream");
    }

    @Test
    void anSmtpClientNamesTheStreamInAFieldThatNeverLeaves() throws Exception {
        HttpResponse<String> created =
                ApiClient.admin().post("/admin/tenants/" + tenant.id() + "/smtp-credentials", "{\"stream\":\"bulk\"}");
        String user = ApiClient.stringMember(created, "username");
        String password = ApiClient.stringMember(created, "password");
        String marker = marker();

        String byField = smtp(user, password, marker + "-f", "X-Outpost-Stream: transactional\r\n");
        String byCredential = smtp(user, password, marker + "-g", "");
        String invalid = smtp(user, password, marker + "-h", "X-Outpost-Stream: newsletter\r\n");
        String untracked = smtp(user, password, marker + "-i", "X-Outpost-Track: none\r\n");
        String unknownTracking = smtp(user, password, marker + "-j", "X-Outpost-Track: maybe\r\n");

        assertThat(byField).startsWith("250 ");
        assertThat(story(queuedId(byField)).getString("stream")).isEqualTo("transactional");
        assertThat(story(queuedId(byCredential)).getString("stream")).isEqualTo("bulk");
        assertThat(invalid).startsWith("550 5.6.0 X-Outpost-Stream must be transactional or bulk");
        assertThat(untracked).startsWith("250 ");
        assertThat(unknownTracking)
                .isEqualTo(
                        "550 5.6.0 X-Outpost-Track must be none, or any of opens, clicks and text;" + " not \"maybe\"");
        String delivered = awaitDelivery(marker + "-f", Duration.ofSeconds(30));
        assertThat(delivered).contains("Subject: " + marker + "-f").doesNotContainIgnoringCase("X-Outpost-Stream");
        // Taken out before signing: the signatures of what left still verify.
        assertThat(DkimpyOverDns.verify(List.of(delivered.getBytes(StandardCharsets.UTF_8))))
                .singleElement()
                .asString()
                .contains("=pass")
                .doesNotContain("=fail");
    }

    @Test
    void aScheduledMessageWaitsForItsTimeAndACancelledOneNeverGoes() throws Exception {
        String marker = marker();
        Instant soon = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> scheduled =
                tenant.api().post("/messages", body(marker + "-s", ",\"sendAt\":\"" + soon + "\""));
        String later = PublishedDomains.json(
                        tenant.api()
                                .post(
                                        "/messages",
                                        body(
                                                marker + "-l",
                                                ",\"sendAt\":\"" + Instant.now().plusSeconds(3600) + "\"")),
                        202)
                .getString("id");
        String atOnce = send(tenant.api(), marker + "-n", "");

        JsonObject answer = PublishedDomains.json(scheduled, 202);
        assertThat(Instant.parse(answer.getString("sendAt"))).isEqualTo(soon);
        JsonObject waiting = story(answer.getString("id"));
        assertThat(waiting.getString("sendAt")).isEqualTo(soon.toString());
        assertThat(recipientStates(waiting)).containsExactly("QUEUED");
        assertThat(delivered(marker + "-s")).isFalse();

        HttpResponse<String> cancelled = tenant.api().post("/messages/" + later + "/cancel", "");
        HttpResponse<String> again = tenant.api().post("/messages/" + later + "/cancel", "");
        HttpResponse<String> byAnother =
                ApiSender.create("streams-other").api().post("/messages/" + later + "/cancel", "");
        HttpResponse<String> notScheduled = tenant.api().post("/messages/" + atOnce + "/cancel", "");

        JsonObject cancelledStory = PublishedDomains.json(cancelled, 200);
        assertThat(recipientStates(cancelledStory)).containsExactly("CANCELLED");
        assertThat(cancelledStory.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .containsExactly("RECEIVED", "QUEUED", "CANCELLED");
        assertThat(recipientStates(PublishedDomains.json(again, 200))).containsExactly("CANCELLED");
        assertThat(byAnother.statusCode()).isEqualTo(404);
        assertThat(PublishedDomains.json(notScheduled, 409).getString("type"))
                .isEqualTo("urn:outpost:problem:not-cancellable");

        String sent = awaitDelivery(marker + "-s", Duration.ofSeconds(30));
        assertThat(sent).isNotEmpty();
        assertThat(Instant.now()).isAfterOrEqualTo(soon);
        HttpResponse<String> tooLate = tenant.api().post("/messages/" + answer.getString("id") + "/cancel", "");
        assertThat(PublishedDomains.json(tooLate, 409).getString("detail")).contains("is being sent, or was");
    }

    @Test
    void aScheduleTooFarAheadOrNotATimeIsA400NamingSendAt() throws Exception {
        HttpResponse<String> tooFar = tenant.api()
                .post(
                        "/messages",
                        body(marker(), ",\"sendAt\":\"" + Instant.now().plus(Duration.ofDays(4)) + "\""));
        HttpResponse<String> notATime = tenant.api().post("/messages", body(marker(), ",\"sendAt\":\"tomorrow\""));

        assertThat(PublishedDomains.json(tooFar, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("sendAt");
        assertThat(PublishedDomains.json(notATime, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("reason"))
                .contains("RFC 3339");
    }

    private static String marker() {
        return "st-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String subject, String extra) {
        return "{\"from\":\"" + tenant.from() + "\",\"to\":[\"" + subject + "@ok.test\"],\"subject\":\"" + subject
                + "\",\"text\":\"hi\"" + extra + "}";
    }

    private static String send(ApiClient api, String subject, String extra) throws Exception {
        return PublishedDomains.json(api.post("/messages", body(subject, extra)), 202)
                .getString("id");
    }

    private static JsonObject story(String id) throws Exception {
        return PublishedDomains.json(tenant.api().get("/messages/" + id), 200);
    }

    private static List<String> recipientStates(JsonObject story) {
        return story.getJsonArray("recipients").getValuesAs(JsonValue::asJsonObject).stream()
                .map(recipient -> recipient.getString("state"))
                .toList();
    }

    private static String queuedId(String reply) {
        return reply.substring("250 2.0.0 Ok: queued as ".length()).strip();
    }

    private static String smtp(String user, String password, String subject, String field) throws Exception {
        try (SmtpTestClient client = OutpostUnderTest.authenticated("streams.client.test", user, password)) {
            assertThat(client.command("MAIL FROM:<" + tenant.from() + ">")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + subject + "@ok.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.send("From: <" + tenant.from() + ">\r\nTo: <" + subject + "@ok.test>\r\n" + field + "Subject: "
                    + subject + "\r\n\r\nhello\r\n.\r\n");
            return client.reply();
        }
    }

    private static boolean delivered(String marker) {
        return TestNetwork.MX.transactions().stream()
                .anyMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker));
    }

    private static String awaitDelivery(String marker, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (var transaction : TestNetwork.MX.transactions()) {
                String data = new String(transaction.data(), StandardCharsets.UTF_8);
                if (data.contains(marker)) {
                    return data;
                }
            }
            Thread.sleep(100);
        }
        return "";
    }
}

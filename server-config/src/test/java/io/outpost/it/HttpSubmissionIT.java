package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sending over the HTTP API in the real server: a tenant's API key posts JSON, the message is composed, signed and
 * queued like an SMTP submission (202 only once committed), and refusals are problem+json naming the field — among
 * them the sending domain whose DKIM record is not verified.
 */
class HttpSubmissionIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void refusesMailFromADomainWhoseDkimRecordIsNotVerifiedNamingTheRecord() throws Exception {
        Tenant tenant = Tenant.create("http-unverified");
        String dkimName = PublishedDomains.domain(tenant.id, tenant.domain)
                .getJsonArray("records")
                .getJsonObject(0)
                .getString("name");

        HttpResponse<String> unchecked = tenant.api.post("/messages", json(tenant.from(), "x@ok.test", "unchecked"));
        assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(503);
        assertThat(unchecked.headers().firstValue("Retry-After")).isPresent();
        assertThat(unchecked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unchecked.body())
                .contains("urn:outpost:problem:sending-domain-not-authenticated")
                .contains("\"name\":\"from\"")
                .contains(dkimName);

        PublishedDomains.check(tenant.id, tenant.domain);
        HttpResponse<String> missing = tenant.api.post("/messages", json(tenant.from(), "x@ok.test", "missing"));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(422);
        assertThat(missing.body()).contains(dkimName + " (MISSING)");
    }

    @Test
    void acceptsSignsAndDeliversAMessageToEveryRecipientButShowsNoBcc() throws Exception {
        Tenant tenant = Tenant.create("http-sent");
        PublishedDomains.publish(tenant.id, tenant.domain, record -> true);
        assertThat(PublishedDomains.check(tenant.id, tenant.domain).getBoolean("readyToSend"))
                .isTrue();
        String marker = "http-" + UUID.randomUUID();
        String body = "{\"from\":\"Zoë News <" + tenant.from() + ">\",\"to\":[\"to-" + marker + "@ok.test\"],"
                + "\"bcc\":[\"bcc-" + marker + "@ok.test\"],\"subject\":\"Grüße " + marker + "\","
                + "\"text\":\"Hallo Welt\\nzweite Zeile\",\"html\":\"<p>Hallo Welt</p>\","
                + "\"headers\":{\"X-Campaign\":\"spring\"}}";

        HttpResponse<String> accepted = tenant.api.post("/messages", body);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonObject answer = PublishedDomains.json(accepted, 202);
        assertThat(answer.getString("id")).matches("\\d+");
        assertThat(answer.getInt("recipients")).isEqualTo(2);

        List<Transaction> delivered = TestNetwork.awaitTransactionsContaining(marker, 2);
        assertThat(delivered)
                .extracting(t -> t.rcptTo().get(0))
                .containsExactlyInAnyOrder("to-" + marker + "@ok.test", "bcc-" + marker + "@ok.test");
        String message = new String(delivered.get(0).data(), StandardCharsets.UTF_8);
        assertThat(message)
                .contains("with HTTP id")
                .contains("Message-ID: <")
                .contains("X-Campaign: spring")
                .contains("multipart/alternative")
                .doesNotContain("Bcc:")
                .doesNotContain("bcc-" + marker);
        assertThat(DkimpyOverDns.verify(
                        List.of(delivered.get(0).data(), delivered.get(1).data())))
                .allSatisfy(result -> assertThat(result).endsWith("=pass"));
    }

    @Test
    void deliversAttachmentsAndInlineImagesInTheirMimeStructureSignedSoDkimpyVerifies() throws Exception {
        ApiSender sender = ApiSender.create("http-files");
        String marker = "files-" + UUID.randomUUID().toString().substring(0, 8);
        String pdf = Base64.getEncoder().encodeToString(("%PDF-1.4 " + marker).getBytes(StandardCharsets.UTF_8));
        String body = "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + marker + "@ok.test\"],\"subject\":\""
                + marker + "\",\"text\":\"See the invoice\",\"html\":\"<p>See <img src=\\\"cid:logo@shop\\\"></p>\","
                + "\"attachments\":[{\"fileName\":\"invoice.pdf\",\"contentType\":\"application/pdf\",\"content\":\""
                + pdf + "\"},{\"fileName\":\"logo.png\",\"contentType\":\"image/png\",\"content\":\"iVBORw0KGgo=\","
                + "\"contentId\":\"logo@shop\"}]}";

        PublishedDomains.json(sender.api().post("/messages", body), 202);

        Transaction delivered =
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0);
        String message = new String(delivered.data(), StandardCharsets.UTF_8);
        assertThat(message)
                .contains("multipart/mixed", "multipart/related", "multipart/alternative")
                .contains("Content-ID: <logo@shop>")
                .contains("Content-Disposition: attachment; filename=invoice.pdf")
                .contains("Content-Disposition: inline; filename=logo.png")
                // Text-like bytes go as they are, which Jakarta Mail chooses; binary ones (the PNG) in base64.
                .contains("%PDF-1.4 " + marker, "iVBORw0KGgo=");
        assertThat(DkimpyOverDns.verify(List.of(delivered.data())))
                .singleElement()
                .satisfies(result -> assertThat(result).endsWith("=pass"));
    }

    @Test
    void takesARawMessageUnderTheSameRulesSignsItAndSendsNoBcc() throws Exception {
        ApiSender sender = ApiSender.create("http-raw");
        String marker = "raw-" + UUID.randomUUID().toString().substring(0, 8);
        String message = "From: News <" + sender.from() + ">\nTo: <" + marker + "@ok.test>\nBcc: <hidden-" + marker
                + "@ok.test>\nSubject: " + marker + "\nMIME-Version: 1.0\nContent-Type: text/plain\n\nRaw body\n";
        String forged = "From: ceo@bank.example\nSubject: " + marker + "\n\nx\n";

        HttpResponse<String> accepted = sender.api().post("/messages/raw", raw(sender.from(), marker, message));
        HttpResponse<String> refused = sender.api().post("/messages/raw", raw(sender.from(), marker, forged));

        assertThat(PublishedDomains.json(accepted, 202).getInt("recipients")).isEqualTo(1);
        Transaction delivered =
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0);
        String sent = new String(delivered.data(), StandardCharsets.UTF_8);
        assertThat(sent)
                .contains("Subject: " + marker + "\r\n", "\r\nRaw body\r\n")
                .doesNotContain("hidden-");
        assertThat(DkimpyOverDns.verify(List.of(delivered.data())))
                .singleElement()
                .satisfies(result -> assertThat(result).endsWith("=pass"));
        // Sender binding reads the raw From field as it reads a composed one.
        assertThat(PublishedDomains.json(refused, 403).getString("refusedBy")).isEqualTo("sender-binding");
    }

    private static String raw(String from, String marker, String message) {
        return "{\"from\":\"" + from + "\",\"to\":[\"" + marker + "@ok.test\"],\"message\":\""
                + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void tagsAndMetadataComeBackWithTheStoryAndEveryEvent() throws Exception {
        ApiSender sender = ApiSender.create("http-labels");
        String marker = "labels-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + marker + "@ok.test\"],\"subject\":\"" + marker
                + "\",\"text\":\"hi\",\"tags\":[\"spring\"],\"metadata\":{\"orderId\":\"" + marker + "\"}}";

        String id =
                PublishedDomains.json(sender.api().post("/messages", body), 202).getString("id");
        TestNetwork.awaitTransactionsContaining(marker, 1);

        JsonObject story = PublishedDomains.json(sender.api().get("/messages/" + id), 200);
        assertThat(story.getJsonArray("tags").getString(0)).isEqualTo("spring");
        assertThat(story.getJsonObject("metadata").getString("orderId")).isEqualTo(marker);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonObject> events;
        do {
            events =
                    PublishedDomains.json(sender.api().get("/events"), 200)
                            .getJsonArray("events")
                            .getValuesAs(JsonValue::asJsonObject)
                            .stream()
                            .filter(event -> event.getString("messageId").equals(id))
                            .toList();
            Thread.sleep(100);
        } while (events.size() < 2 && System.nanoTime() < deadline);
        assertThat(events).extracting(event -> event.getString("kind")).contains("QUEUED", "DELIVERED");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getJsonArray("tags").getString(0)).isEqualTo("spring");
            assertThat(event.getJsonObject("metadata").getString("orderId")).isEqualTo(marker);
        });
    }

    @Test
    void namesEveryUnusableFieldInOneProblem() throws Exception {
        Tenant tenant = Tenant.create("http-invalid");

        HttpResponse<String> invalid = tenant.api.post(
                "/messages",
                "{\"from\":\"not an address\",\"to\":[\"ok@ok.test\",\"a@\"],\"headers\":{\"Bcc\":\"x@evil.test\"}}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("urn:outpost:problem:validation")
                .contains("\"name\":\"from\"")
                .contains("\"name\":\"to[1]\"")
                .contains("\"name\":\"subject\"")
                .contains("\"name\":\"text\"")
                .contains("\"name\":\"headers.Bcc\"");
    }

    @Test
    void refusesASenderOutsideTheTenantsDomains() throws Exception {
        Tenant tenant = Tenant.create("http-foreign");

        HttpResponse<String> foreign = tenant.api.post("/messages", json("ceo@bank.test", "x@ok.test", "foreign"));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body())
                .contains("urn:outpost:problem:sender-not-allowed")
                .contains("\"name\":\"from\"");
    }

    @Test
    void holdsAnApiKeyToItsSendingLimits() throws Exception {
        Tenant tenant = Tenant.create("http-limited");
        PublishedDomains.publish(
                tenant.id, tenant.domain, record -> record.getString("kind").equals("DKIM"));
        PublishedDomains.check(tenant.id, tenant.domain);
        HttpResponse<String> created = ApiClient.admin()
                .post(
                        "/admin/tenants/" + tenant.id + "/api-keys",
                        "{\"messagesPerHour\":1,\"recipientsPerMessage\":1}");
        assertThat(created.body()).contains("\"messagesPerHour\":1").contains("\"recipientsPerMessage\":1");
        ApiClient limited = ApiClient.bearer(ApiClient.stringMember(created, "key"));

        HttpResponse<String> twoRecipients = limited.post(
                "/messages",
                "{\"from\":\"" + tenant.from() + "\",\"to\":[\"a@ok.test\",\"b@ok.test\"],\"subject\":\"s\","
                        + "\"text\":\"hi\"}");
        assertThat(twoRecipients.statusCode()).as(twoRecipients.body()).isEqualTo(429);
        assertThat(twoRecipients.body())
                .contains("urn:outpost:problem:sending-limit")
                .contains("at most 1");

        assertThat(limited.post("/messages", json(tenant.from(), "x@ok.test", "first"))
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<String> second = limited.post("/messages", json(tenant.from(), "x@ok.test", "second"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        // The tenant's other key has limits of its own (none).
        assertThat(tenant.api
                        .post("/messages", json(tenant.from(), "x@ok.test", "other key"))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void refusesAMessageWhoseHeaderSectionIsTooLargeWithA413NamingTheProblem() throws Exception {
        Tenant tenant = Tenant.create("http-unsignable");
        PublishedDomains.publish(tenant.id, tenant.domain, record -> true);
        assertThat(PublishedDomains.check(tenant.id, tenant.domain).getBoolean("readyToSend"))
                .isTrue();
        // One header value of 1.2 MB: a header section larger than intake reads into memory (256 KiB).
        String body = "{\"from\":\"" + tenant.from() + "\",\"to\":[\"x@ok.test\"],\"subject\":\"big header\","
                + "\"text\":\"hi\",\"headers\":{\"X-Padding\":\"" + "padding ".repeat(150_000) + "\"}}";

        HttpResponse<String> refused = tenant.api.post("/messages", body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body())
                .contains("urn:outpost:problem:message-too-large")
                .contains("header section longer than 262144 octets");
    }

    @Test
    void refusesWithoutAnApiKey() throws Exception {
        HttpResponse<String> anonymous =
                ApiClient.anonymous().post("/messages", json("news@ok.test", "x@ok.test", "anonymous"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    /** A tenant with one sending domain (nothing published) and an API key. */
    private record Tenant(String id, String domain, ApiClient api) {

        static Tenant create(String name) throws Exception {
            PublishedDomains.NewTenant created = PublishedDomains.newTenant(name, "api.test", false);
            String id = created.id();
            String domain = created.domain();
            String key =
                    ApiClient.stringMember(ApiClient.admin().post("/admin/tenants/" + id + "/api-keys", "{}"), "key");
            return new Tenant(id, domain, ApiClient.bearer(key));
        }

        String from() {
            return "news@" + domain;
        }
    }

    private static String json(String from, String to, String subject) {
        return "{\"from\":\"" + from + "\",\"to\":[\"" + to + "\"],\"subject\":\"" + subject + "\",\"text\":\"hi\"}";
    }
}

package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person's access to and erasure of what Outpost holds about their address (GDPR Art. 15, 17) against the real
 * server: one export with their messages, list entries and subscription; an erasure that waits for queued mail, removes
 * their records, keeps their opt-out as a hash that still holds their mail, and leaves other recipients and other
 * tenants alone.
 */
class PersonalDataIT {

    private static ApiSender shop;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        shop = ApiSender.create("personal-data");
    }

    @Test
    void anAddressIsExportedWholeThenErasedKeepingOnlyAHashThatStillHoldsItsMail() throws Exception {
        String marker = unique("pd");
        String ann = marker + "@ok.test";
        String bob = unique("pd-bob") + "@ok.test";
        String alone = send(List.of(ann), marker + "-alone", "");
        String shared = send(List.of(ann, bob), marker + "-shared", "");
        assertThat(awaitState(shop.api(), "/messages/" + alone, "DELIVERED")).isEqualTo("DELIVERED");
        awaitAllDelivered(shared);
        PublishedDomains.json(
                shop.api()
                        .post(
                                "/suppressions",
                                "{\"address\":\"" + ann + "\",\"stream\":\"bulk\",\"note\":\"by phone\"}"),
                201);
        String audience = PublishedDomains.json(
                        shop.api()
                                .post(
                                        "/audiences",
                                        "{\"name\":\"News " + marker + "\",\"consentText\":\"Yes please\",\"from\":\""
                                                + shop.from() + "\",\"subject\":\"Confirm " + marker
                                                + "\",\"text\":\"Confirm: {{confirm_url}}\"}"),
                        201)
                .getString("id");
        PublishedDomains.json(
                shop.api().post("/audiences/" + audience + "/subscribers", "{\"address\":\"" + ann + "\"}"), 202);

        JsonObject export = PublishedDomains.json(shop.api().get("/data-subjects/" + ann), 200);
        assertThat(export.getString("address")).isEqualTo(ann);
        assertThat(export.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject))
                .extracting(message -> message.getString("messageId"))
                .contains(alone, shared);
        assertThat(export.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject))
                .filteredOn(message -> message.getString("messageId").equals(alone))
                .singleElement()
                .satisfies(message -> assertThat(message.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                        .extracting(event -> event.getString("kind"))
                        .contains("DELIVERED"));
        assertThat(export.getJsonArray("suppressions").getValuesAs(JsonValue::asJsonObject))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getString("note")).isEqualTo("by phone"));
        assertThat(export.getJsonArray("suppressionHistory")).hasSize(1);
        assertThat(export.getJsonArray("subscriptions").getValuesAs(JsonValue::asJsonObject))
                .singleElement()
                .satisfies(subscription ->
                        assertThat(subscription.getString("state")).isEqualTo("pending"));

        // Not while mail to it waits: it would go to an address no longer known.
        String scheduled = send(
                List.of(ann),
                marker + "-later",
                ",\"sendAt\":\"" + Instant.now().plusSeconds(3600) + "\"");
        HttpResponse<String> refused = shop.api().delete("/data-subjects/" + ann);
        assertThat(PublishedDomains.json(refused, 409)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("address");
        assertThat(shop.api().post("/messages/" + scheduled + "/cancel", "").statusCode())
                .isEqualTo(200);
        awaitNothingWaiting(ann);

        JsonObject erased = PublishedDomains.json(shop.api().delete("/data-subjects/" + ann.toUpperCase()), 200);
        assertThat(erased.getInt("subscriptions")).isEqualTo(1);
        assertThat(erased.getInt("suppressionsKeptAsHash")).isEqualTo(1);
        assertThat(erased.getInt("recipientRecords")).isGreaterThanOrEqualTo(3);

        JsonObject after = PublishedDomains.json(shop.api().get("/data-subjects/" + ann), 200);
        assertThat(after.getJsonArray("messages")).isEmpty();
        assertThat(after.getJsonArray("suppressions")).isEmpty();
        assertThat(after.getJsonArray("suppressionHistory")).isEmpty();
        assertThat(after.getJsonArray("subscriptions")).isEmpty();
        assertThat(shop.api().get("/messages/" + alone).statusCode()).isEqualTo(404);
        assertThat(story(shop.api(), "/messages/" + shared)
                        .getJsonArray("recipients")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(recipient -> recipient.getString("address"))
                .containsExactly(bob);
        List<JsonObject> listed = PublishedDomains.json(shop.api().get("/suppressions"), 200)
                .getJsonArray("suppressions")
                .getValuesAs(JsonValue::asJsonObject);
        assertThat(listed).noneMatch(entry -> entry.toString().contains(marker));
        assertThat(listed)
                .filteredOn(entry -> entry.containsKey("hashed"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.getString("hashed")).startsWith("hash:");
                    assertThat(entry.getString("stream")).isEqualTo("bulk");
                });

        // The opt-out still holds, however the address is written.
        String again = send(List.of(ann.toUpperCase()), marker + "-again", "");
        assertThat(awaitState(shop.api(), "/messages/" + again, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(PublishedDomains.json(shop.api().get("/events?limit=1000"), 200)
                        .getJsonArray("events")
                        .getValuesAs(JsonValue::asJsonObject))
                .filteredOn(event -> event.getString("kind").equals("ERASED"))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getString("target")).startsWith("hash:");
                    assertThat(event.toString()).doesNotContain(marker);
                });
    }

    @Test
    void anotherTenantSeesNothingOfItAndTheOperatorActsOnlyForANamedTenant() throws Exception {
        String marker = unique("pd-other");
        String ann = marker + "@ok.test";
        String sent = send(List.of(ann), marker, "");
        assertThat(awaitState(shop.api(), "/messages/" + sent, "DELIVERED")).isEqualTo("DELIVERED");

        ApiSender other = ApiSender.create("personal-data-other");
        assertThat(PublishedDomains.json(other.api().get("/data-subjects/" + ann), 200)
                        .getJsonArray("messages"))
                .isEmpty();
        assertThat(PublishedDomains.json(other.api().delete("/data-subjects/" + ann), 200)
                        .getInt("recipientRecords"))
                .isZero();
        assertThat(shop.api().get("/messages/" + sent).statusCode()).isEqualTo(200);
        assertThat(PublishedDomains.json(ApiClient.admin().get("/admin/data-subjects/" + ann), 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("tenant");
        assertThat(PublishedDomains.json(
                                ApiClient.admin().get("/admin/data-subjects/" + ann + "?tenant=" + shop.id()), 200)
                        .getJsonArray("messages"))
                .hasSize(1);
        assertThat(PublishedDomains.json(shop.api().get("/data-subjects/not-an-address"), 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("address");
    }

    // Until no message to the address waits (the confirmation mail goes out at once, but not instantly).
    private static void awaitNothingWaiting(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (PublishedDomains.json(shop.api().get("/data-subjects/" + address), 200)
                    .getJsonArray("messages")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .noneMatch(message -> List.of("QUEUED", "DEFERRED").contains(message.getString("state")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mail to " + address + " still waits");
    }

    private static void awaitAllDelivered(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (story(shop.api(), "/messages/" + id)
                    .getJsonArray("recipients")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .allMatch(recipient -> recipient.getString("state").equals("DELIVERED"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " not delivered to all its recipients");
    }

    private static String send(List<String> to, String subject, String extra) throws Exception {
        return PublishedDomains.json(
                        shop.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + String.join("\",\"", to)
                                                + "\"],\"subject\":\"" + subject
                                                + "\",\"stream\":\"bulk\",\"text\":\"hello\"" + extra + "}"),
                        202)
                .getString("id");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static io.outpost.it.MessageStories.listEvents;
import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sending domain whose complaint rate passes its threshold has its bulk mail paused (the integration tests count from
 * two delivered messages, checked every second): bulk mail waits in the queue with the reason, transactional mail
 * still goes, the tenant sees the pause, and an administrator's resume sends what waited.
 */
class ReputationIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void aComplaintRateOverTheThresholdPausesTheDomainsBulkMailUntilAnAdministratorResumesIt() throws Exception {
        ApiSender shop = ApiSender.create("reputation");
        String first = unique();
        String second = unique();
        String firstId = send(shop, first, "transactional");
        String secondId = send(shop, second, "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + firstId, "DELIVERED")).isEqualTo("DELIVERED");
        assertThat(awaitState(shop.api(), "/messages/" + secondId, "DELIVERED")).isEqualTo("DELIVERED");
        Transaction delivered =
                TestNetwork.awaitTransactionsContaining(first, 1).get(0);

        assertThat(ReturnPathIT.mailReport(
                        delivered.mailFrom(), ReturnPathIT.arf(delivered.mailFrom(), first + "@ok.test")))
                .startsWith("250 2.0.0");
        JsonObject pause = awaitPause(shop).orElseThrow();

        assertThat(pause.getString("domain")).isEqualTo(shop.domain());
        assertThat(pause.getString("reason")).isEqualTo("complaint rate 50.00 % (1 of 2 delivered) over 0.30 %");
        String bulk = send(shop, unique(), "bulk");
        assertThat(awaitState(shop.api(), "/messages/" + bulk, "DEFERRED")).isEqualTo("DEFERRED");
        assertThat(story(shop.api(), "/messages/" + bulk).getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .filteredOn(event -> event.getString("kind").equals("DEFERRED"))
                .first()
                .satisfies(event -> assertThat(event.getString("detail"))
                        .startsWith(
                                "451 4.7.1 Bulk mail from " + shop.domain() + " paused by Outpost: complaint rate"));
        String receipt = send(shop, unique(), "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + receipt, "DELIVERED")).isEqualTo("DELIVERED");

        assertThat(ApiClient.admin()
                        .delete("/admin/bulk-pauses/" + shop.id() + "/" + shop.domain())
                        .statusCode())
                .isEqualTo(204);

        assertThat(awaitState(shop.api(), "/messages/" + bulk, "DELIVERED")).isEqualTo("DELIVERED");
        List<JsonObject> pauses = PublishedDomains.json(ApiClient.admin().get("/admin/bulk-pauses"), 200)
                .getJsonArray("pauses")
                .getValuesAs(JsonValue::asJsonObject)
                .stream()
                .filter(p -> p.getString("tenant").equals(shop.id()))
                .toList();
        assertThat(pauses).singleElement().satisfies(resumed -> {
            assertThat(resumed.getBoolean("active")).isFalse();
            assertThat(resumed.getString("resumedBy")).isEqualTo("admin:" + System.getProperty("it.admin.user"));
        });
        assertThat(ApiClient.admin()
                        .delete("/admin/bulk-pauses/" + shop.id() + "/" + shop.domain())
                        .statusCode())
                .isEqualTo(404);
        assertThat(listEvents(shop.api(), shop.domain(), 2))
                .extracting(event -> event.getString("kind"))
                .containsExactly("BULK_PAUSED", "BULK_RESUMED");
        // Counted in the statistics the rates come from.
        JsonObject totals = PublishedDomains.json(shop.api().get("/stats"), 200).getJsonObject("totals");
        assertThat(totals.getInt("complained")).isEqualTo(1);
    }

    // The tenant's active pause, once the watch has seen the complaint's count (within a few checks).
    private static Optional<JsonObject> awaitPause(ApiSender shop) throws Exception {
        for (int i = 0; i < 100; i++) {
            Optional<JsonObject> active = PublishedDomains.json(shop.api().get("/bulk-pauses"), 200)
                    .getJsonArray("pauses")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .filter(p -> p.getBoolean("active"))
                    .findFirst();
            if (active.isPresent()) {
                return active;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static String send(ApiSender sender, String subject, String stream) throws Exception {
        return PublishedDomains.json(
                        sender.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + subject + "@ok.test\"],"
                                                + "\"subject\":\"" + subject + "\",\"text\":\"hi\",\"stream\":\""
                                                + stream + "\"}"),
                        202)
                .getString("id");
    }

    private static String unique() {
        return "rep-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

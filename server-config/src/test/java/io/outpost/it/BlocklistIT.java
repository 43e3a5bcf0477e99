package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blocklist watch in the real server, against blocklist zones the test DNS server serves: the timer finds a
 * sending domain and the outbound address listed, bulk mail from the domain waits while transactional mail goes, and
 * once the listings are removed the bulk mail is delivered; each listing and delisting is an event.
 */
class BlocklistIT {

    private static final String OUTBOUND = "127.0.0.1";

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void aListedDomainsBulkMailWaitsUntilItIsDelistedAndEachChangeIsAnEvent() throws Exception {
        ApiSender sender = ApiSender.create("listed");
        String marker = "bl-" + UUID.randomUUID();
        String domainName = sender.domain() + ".dbl.bl.test.";
        // RFC 5782: the domain under the domain zone, the address's reversed octets under the IP zone.
        TestNetwork.DNS
                .add(domainName + " 60 IN A 127.0.1.2")
                .add(domainName + " 60 IN TXT \"spam domain (test)\"")
                .add("1.0.0.127.zen.bl.test. 60 IN A 127.0.0.4");
        try {
            // Found by the timer (every 2 s in the test server), not asked for.
            JsonObject listed = awaitStatuses(body -> pausedDomains(body).contains(sender.domain())
                    && !body.getJsonObject("paused").getJsonArray("addresses").isEmpty());
            JsonObject status = statusOf(listed, sender.domain());
            assertThat(status.getString("state")).isEqualTo("LISTED");
            assertThat(status.getString("monitor")).isEqualTo("dnsbl");
            JsonObject listing = status.getJsonArray("listings").getJsonObject(0);
            assertThat(listing.getString("list")).isEqualTo("dbl.bl.test");
            assertThat(listing.getString("detail")).isEqualTo("127.0.1.2 (spam domain (test))");
            assertThat(statusOf(listed, OUTBOUND).getString("state")).isEqualTo("LISTED");
            assertThat(events())
                    .anyMatch(e -> e.getString("target").equals(sender.domain())
                            && e.getString("kind").equals("LISTED"));

            String bulk = sender.send(marker + "-bulk", "{\"Precedence\":\"bulk\"}");
            sender.send(marker + "-transactional", "{}");

            TestNetwork.awaitTransactionsContaining(marker + "-transactional", 1);
            JsonObject story = awaitStory(sender, bulk, s -> s.toString().contains("Bulk mail paused by Outpost"));
            assertThat(story.getJsonArray("recipients").getJsonObject(0).getString("state"))
                    .isEqualTo("DEFERRED");
            assertThat(TestNetwork.MX.transactions()).noneMatch(t -> t.text().contains(marker + "-bulk"));
        } finally {
            TestNetwork.DNS.remove(domainName, "A").remove(domainName, "TXT").remove("1.0.0.127.zen.bl.test.", "A");
        }

        // Asked for at once this time: POST …/check answers once every target has been looked up again.
        HttpResponse<String> checked = ApiClient.admin().post("/admin/blocklists/check", "");
        JsonObject clean = PublishedDomains.json(checked, 200);
        assertThat(statusOf(clean, sender.domain()).getString("state")).isEqualTo("CLEAN");
        assertThat(clean.getJsonObject("paused").getJsonArray("domains")).isEmpty();
        assertThat(clean.getJsonObject("paused").getJsonArray("addresses")).isEmpty();
        assertThat(events())
                .anyMatch(e -> e.getString("target").equals(sender.domain())
                        && e.getString("kind").equals("DELISTED"));
        TestNetwork.awaitTransactionsContaining(marker + "-bulk", 1);
    }

    @Test
    void onlyTheOperatorReadsTheBlocklists() throws Exception {
        ApiSender tenant = ApiSender.create("listed-roles");

        assertThat(ApiClient.anonymous().get("/admin/blocklists").statusCode()).isEqualTo(401);
        assertThat(tenant.api().get("/admin/blocklists").statusCode()).isIn(401, 403);
        assertThat(tenant.api().post("/admin/blocklists/check", "").statusCode())
                .isIn(401, 403);
        HttpResponse<String> bad = ApiClient.admin().get("/admin/blocklists/events?limit=0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"limit\"");
    }

    private static List<String> pausedDomains(JsonObject statuses) {
        return statuses.getJsonObject("paused").getJsonArray("domains").getValuesAs(JsonValue::asJsonObject).stream()
                .map(d -> d.getString("domain"))
                .toList();
    }

    private static JsonObject statusOf(JsonObject statuses, String target) {
        return statuses.getJsonArray("statuses").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(s -> s.getString("target").equals(target))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no status of " + target + " in " + statuses));
    }

    private static List<JsonObject> events() throws Exception {
        return PublishedDomains.json(ApiClient.admin().get("/admin/blocklists/events?limit=100"), 200)
                .getJsonArray("events")
                .getValuesAs(JsonValue::asJsonObject);
    }

    private static JsonObject awaitStatuses(Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonObject statuses = PublishedDomains.json(ApiClient.admin().get("/admin/blocklists"), 200);
            if (done.test(statuses)) {
                return statuses;
            }
            assertThat(System.nanoTime()).as("statuses: " + statuses).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonObject awaitStory(ApiSender sender, String id, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonObject story = PublishedDomains.json(sender.api().get("/messages/" + id), 200);
            if (done.test(story)) {
                return story;
            }
            assertThat(System.nanoTime()).as("story: " + story).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

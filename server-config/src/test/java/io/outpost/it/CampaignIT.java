package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns against the real server: a campaign to a segment of an audience reaches exactly its confirmed subscribers
 * in the segment at the test MX, each with their own data; a scheduled one waits for its time; pause stops further
 * batches and resume finishes the campaign (the test server sends two subscribers a batch, a batch a second); a
 * cancelled one sends nothing; a failing pre-send check blocks it unless a written reason overrides it, which is kept;
 * another tenant finds none of it, and a viewer reads but cannot send.
 */
class CampaignIT {

    private static final String REASON = "The integration tests send whatever the checks say";

    private static ApiSender shop;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        shop = ApiSender.create("campaigns");
    }

    @Test
    void aCampaignToASegmentReachesExactlyItsConfirmedSubscribersWithTheirData() throws Exception {
        String marker = unique("cs");
        String audience = audience(marker);
        importSubscribers(
                audience,
                subscriber("ann-" + marker, "Ann", "Lyon"),
                subscriber("bob-" + marker, "Bob", "Paris"),
                subscriber("cid-" + marker, "Cid", "Lyon"),
                subscriber("dee-" + marker, "Dee", "Lyon"));
        // Pending (never confirmed) and unsubscribed subscribers of the segment get nothing.
        PublishedDomains.json(
                shop.api()
                        .post(
                                "/audiences/" + audience + "/subscribers",
                                "{\"address\":\"pen-" + marker + "@ok.test\",\"attributes\":{\"city\":\"Lyon\","
                                        + "\"firstName\":\"Pen\"}}"),
                202);
        PublishedDomains.json(
                shop.api().post("/audiences/" + audience + "/subscribers/dee-" + marker + "@ok.test/unsubscribe", "{}"),
                200);
        template(marker, "<p>Dear {{firstName}} of {{city}}, this is for {{email}}.</p>");

        JsonObject created =
                create(campaign(marker, audience, ",\"segment\":{\"attribute\":\"city\",\"value\":" + "\"Lyon\"}"));

        assertThat(created.getString("state")).isEqualTo("sending");
        assertThat(created.getJsonObject("progress").getInt("total")).isEqualTo(2);
        assertThat(created.getJsonObject("template").getInt("version")).isEqualTo(1);
        String id = created.getString("id");
        JsonObject sent = awaitCampaign(id, c -> c.getString("state").equals("sent"));
        assertThat(sent.getJsonObject("progress").getInt("submitted")).isEqualTo(2);
        List<Transaction> arrived = TestNetwork.awaitTransactionsContaining("Hello " + marker, 2);
        assertThat(arrived)
                .extracting(t -> t.rcptTo().get(0))
                .containsExactlyInAnyOrder("ann-" + marker + "@ok.test", "cid-" + marker + "@ok.test");
        for (Transaction mail : arrived) {
            String text = mail.text();
            String to = mail.rcptTo().get(0);
            String name = to.startsWith("ann-") ? "Ann" : "Cid";
            assertThat(text)
                    .contains("Dear " + name + " of Lyon, this is for " + to)
                    .contains("List-Unsubscribe:");
        }
        // Its recipients by outcome from the queue, its days from the statistics by its tag.
        JsonObject delivered = awaitCampaign(
                id,
                c -> c.getJsonObject("recipients").getInt("delivered") == 2
                        && c.getJsonArray("daily").getValuesAs(JsonValue::asJsonObject).stream()
                                .anyMatch(day -> day.getInt("sent") == 2 && day.getInt("delivered") == 2));
        assertThat(delivered.getString("tag")).isEqualTo("campaign-" + id);
        assertThat(delivered.getJsonObject("recipients").getInt("bounced")).isZero();
        Thread.sleep(1000);
        assertThat(TestNetwork.MX.transactions().stream().filter(t -> t.text().contains("Hello " + marker)))
                .hasSize(2);
        assertThat(PublishedDomains.json(shop.api().get("/campaigns"), 200).getJsonArray("campaigns"))
                .extracting(c -> c.asJsonObject().getString("id"))
                .contains(id);
    }

    @Test
    void aScheduledCampaignWaitsForItsTime() throws Exception {
        String marker = unique("ct");
        String audience = audience(marker);
        importSubscribers(audience, subscriber("sam-" + marker, "Sam", "Nice"));
        template(marker, "<p>Hi {{firstName}}</p>");
        Instant at = Instant.now().plusSeconds(5);

        JsonObject created = create(campaign(marker, audience, ",\"sendAt\":\"" + at + "\""));

        assertThat(created.getString("state")).isEqualTo("scheduled");
        Thread.sleep(2500);
        assertThat(campaign(created.getString("id")).getJsonObject("progress").getInt("submitted"))
                .isZero();
        assertThat(arrivals(marker)).isZero();
        awaitCampaign(created.getString("id"), c -> c.getString("state").equals("sent"));
        TestNetwork.awaitTransactionsContaining("Hello " + marker, 1);
        assertThat(Instant.now()).isAfterOrEqualTo(at);
    }

    @Test
    void pauseStopsFurtherBatchesAndResumeFinishesTheCampaign() throws Exception {
        String marker = unique("cp");
        String audience = audience(marker);
        String[] rows = new String[8];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = subscriber("p" + i + "-" + marker, "P" + i, "Metz");
        }
        importSubscribers(audience, rows);
        template(marker, "<p>Hi {{firstName}}</p>");
        JsonObject created = create(
                campaign(marker, audience, ",\"sendAt\":\"" + Instant.now().plusSeconds(3) + "\""));
        String id = created.getString("id");

        JsonObject paused = PublishedDomains.json(shop.api().post("/campaigns/" + id + "/pause", "{}"), 200);
        assertThat(paused.getString("state")).isEqualTo("paused");
        assertThat(problemField(shop.api().post("/campaigns/" + id + "/pause", "{}"), 409))
                .isEqualTo("state");
        Thread.sleep(5000);
        assertThat(campaign(id).getJsonObject("progress").getInt("submitted")).isZero();
        assertThat(arrivals(marker)).isZero();

        assertThat(PublishedDomains.json(shop.api().post("/campaigns/" + id + "/resume", "{}"), 200)
                        .getString("state"))
                .isEqualTo("sending");
        // Paused again half-way: the batch in hand may still commit, then nothing more goes.
        awaitCampaign(id, c -> c.getJsonObject("progress").getInt("submitted") >= 2);
        PublishedDomains.json(shop.api().post("/campaigns/" + id + "/pause", "{}"), 200);
        Thread.sleep(1500);
        int halfWay = campaign(id).getJsonObject("progress").getInt("submitted");
        assertThat(halfWay).isBetween(2, 7);
        Thread.sleep(3000);
        assertThat(campaign(id).getJsonObject("progress").getInt("submitted")).isEqualTo(halfWay);

        PublishedDomains.json(shop.api().post("/campaigns/" + id + "/resume", "{}"), 200);
        JsonObject sent = awaitCampaign(id, c -> c.getString("state").equals("sent"));
        assertThat(sent.getJsonObject("progress").getInt("submitted")).isEqualTo(8);
        assertThat(TestNetwork.awaitTransactionsContaining("Hello " + marker, 8))
                .extracting(t -> t.rcptTo().get(0))
                .doesNotHaveDuplicates()
                .hasSize(8);
        assertThat(problemField(shop.api().post("/campaigns/" + id + "/resume", "{}"), 409))
                .isEqualTo("state");
    }

    @Test
    void aCancelledCampaignSendsNothingAndStaysCancelled() throws Exception {
        String marker = unique("cc");
        String audience = audience(marker);
        importSubscribers(audience, subscriber("kim-" + marker, "Kim", "Caen"));
        template(marker, "<p>Hi {{firstName}}</p>");
        String id = create(campaign(
                        marker, audience, ",\"sendAt\":\"" + Instant.now().plusSeconds(2) + "\""))
                .getString("id");

        JsonObject cancelled = PublishedDomains.json(shop.api().post("/campaigns/" + id + "/cancel", "{}"), 200);

        assertThat(cancelled.getString("state")).isEqualTo("cancelled");
        assertThat(cancelled.getString("finishedAt")).isNotEmpty();
        Thread.sleep(4000);
        assertThat(campaign(id).getString("state")).isEqualTo("cancelled");
        assertThat(campaign(id).getJsonObject("progress").getInt("submitted")).isZero();
        assertThat(arrivals(marker)).isZero();
        for (String action : List.of("pause", "resume", "cancel")) {
            assertThat(problemField(shop.api().post("/campaigns/" + id + "/" + action, "{}"), 409))
                    .isEqualTo("state");
        }
    }

    @Test
    void aCampaignIsHeldByItsCreatorsSendingLimitAndSaysWhy() throws Exception {
        String marker = unique("cl");
        String audience = audience(marker);
        importSubscribers(
                audience,
                subscriber("la-" + marker, "La", "Bern"),
                subscriber("lb-" + marker, "Lb", "Bern"),
                subscriber("lc-" + marker, "Lc", "Bern"));
        template(marker, "<p>Hi {{firstName}}</p>");
        // Its messages count against the key that created it, as that key's own messages do: two an hour.
        ApiClient limited = ApiClient.bearer(ApiClient.stringMember(
                ApiClient.admin().post("/admin/tenants/" + shop.id() + "/api-keys", "{\"messagesPerHour\":2}"), "key"));

        String id = PublishedDomains.json(limited.post("/campaigns", campaign(marker, audience, "")), 201)
                .getString("id");

        JsonObject held = awaitCampaign(id, c -> c.containsKey("waitingBecause"));
        assertThat(held.getString("waitingBecause")).contains("Hourly message limit reached");
        assertThat(held.getString("state")).isEqualTo("sending");
        assertThat(held.getJsonObject("progress").getInt("submitted")).isEqualTo(2);
        TestNetwork.awaitTransactionsContaining("Hello " + marker, 2);
        Thread.sleep(1500);
        assertThat(arrivals(marker)).isEqualTo(2);
        PublishedDomains.json(limited.post("/campaigns/" + id + "/cancel", "{}"), 200);
    }

    @Test
    void aFailingCheckBlocksTheCampaignUnlessAWrittenReasonOverridesItWhichIsKept() throws Exception {
        String marker = unique("cf");
        String audience = audience(marker);
        importSubscribers(audience, subscriber("lee-" + marker, "Lee", "Rome"));
        // Over the 102 KB at which Gmail clips an HTML part: the size check fails.
        template(marker, "<p>Hi {{firstName}}</p>" + "<p>filler</p>".repeat(110 * 1024 / 13));
        String later = ",\"sendAt\":\"" + Instant.now().plusSeconds(600) + "\"";

        HttpResponse<String> blocked = shop.api().post("/campaigns", campaign(marker, audience, later));
        HttpResponse<String> blank =
                shop.api().post("/campaigns", campaign(marker, audience, later + ",\"override\":{\"reason\":\" \"}"));
        HttpResponse<String> overridden = shop.api()
                .post(
                        "/campaigns",
                        campaign(marker, audience, later + ",\"override\":{\"reason\":\"" + REASON + "\"}"));

        JsonObject problem = PublishedDomains.json(blocked, 422);
        assertThat(blocked.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(problem.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("override");
        assertThat(problem.getJsonArray("checks").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(check -> {
                    assertThat(check.getString("id")).isEqualTo("size");
                    assertThat(check.getString("verdict")).isEqualTo("fail");
                });
        assertThat(problemField(blank, 400)).isEqualTo("override");
        JsonObject created = PublishedDomains.json(overridden, 201);
        JsonObject kept = campaign(created.getString("id"));
        assertThat(kept.getJsonObject("override").getString("reason")).isEqualTo(REASON);
        assertThat(kept.getJsonObject("override").getString("by")).startsWith("api-key:");
        assertThat(kept.getJsonObject("override").getString("at")).isNotEmpty();
        assertThat(kept.getJsonArray("checks").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(check -> assertThat(check.getString("verdict")).isEqualTo("fail"));
        PublishedDomains.json(shop.api().post("/campaigns/" + created.getString("id") + "/cancel", "{}"), 200);
    }

    @Test
    void badInputNamesTheFieldAnotherTenantFindsNothingAndAViewerCannotSend() throws Exception {
        String marker = unique("cx");
        String audience = audience(marker);
        importSubscribers(audience, subscriber("max-" + marker, "Max", "Oslo"));
        template(marker, "<p>Hi {{firstName}}</p>");
        String id = create(campaign(
                        marker, audience, ",\"sendAt\":\"" + Instant.now().plusSeconds(600) + "\""))
                .getString("id");

        assertThat(problemFields(shop.api().post("/campaigns", "{\"from\":\"x@elsewhere.example\"}"), 400))
                .contains("name", "template", "audience", "from");
        assertThat(problemField(
                        shop.api()
                                .post(
                                        "/campaigns",
                                        campaign(
                                                marker,
                                                audience,
                                                ",\"segment\":{\"attribute\":\"city\",\"value\":" + "\"Nowhere\"}")),
                        400))
                .isEqualTo("segment");

        ApiSender stranger = ApiSender.create("campaigns-stranger");
        assertThat(stranger.api().get("/campaigns/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.api().post("/campaigns/" + id + "/pause", "{}").statusCode())
                .isEqualTo(404);
        assertThat(PublishedDomains.json(stranger.api().get("/campaigns"), 200).getJsonArray("campaigns"))
                .isEmpty();
        assertThat(problemField(stranger.api().post("/campaigns", campaign(marker, audience, "")), 400))
                .isIn("audience", "from");

        UiSessionIT.Session viewer = UiSessionIT.invitedAndSignedIn(shop, unique("viewer") + "@shop.test", "viewer");
        assertThat(viewer.get("/campaigns/" + id).statusCode()).isEqualTo(200);
        assertThat(viewer.post("/campaigns", campaign(marker, audience, "")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post("/campaigns/" + id + "/pause", "{}").statusCode())
                .isEqualTo(403);
        assertThat(campaign(id).getString("state")).isEqualTo("scheduled");
        PublishedDomains.json(shop.api().post("/campaigns/" + id + "/cancel", "{}"), 200);
    }

    // The campaign's body: the test's template, audience and From, overriding whatever checks fail but the one the
    // override test is about (other checks may fail on a test's short template and test domain).
    private static String campaign(String marker, String audience, String extra) {
        String body = "{\"name\":\"Campaign " + marker + "\",\"template\":\"" + marker + "\",\"audience\":\"" + audience
                + "\",\"from\":\"" + shop.from() + "\"" + extra;
        return extra.contains("\"override\"") || marker.startsWith("cf-")
                ? body + "}"
                : body + ",\"override\":{\"reason\":\"" + REASON + "\"}}";
    }

    private static JsonObject create(String body) throws Exception {
        return PublishedDomains.json(shop.api().post("/campaigns", body), 201);
    }

    private static JsonObject campaign(String id) throws Exception {
        return PublishedDomains.json(shop.api().get("/campaigns/" + id), 200);
    }

    private static JsonObject awaitCampaign(String id, Predicate<JsonObject> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject campaign = campaign(id);
        while (!until.test(campaign)) {
            assertThat(System.nanoTime())
                    .as("campaign " + id + " is now " + campaign)
                    .isLessThan(deadline);
            Thread.sleep(200);
            campaign = campaign(id);
        }
        return campaign;
    }

    private static long arrivals(String marker) {
        return TestNetwork.MX.transactions().stream()
                .filter(t -> t.text().contains("Hello " + marker))
                .count();
    }

    private static String audience(String marker) throws Exception {
        return ConfirmedAudience.create(shop, marker);
    }

    private static String subscriber(String local, String firstName, String city) {
        return ConfirmedAudience.subscriber(local, firstName, city);
    }

    private static void importSubscribers(String audience, String... rows) throws Exception {
        ConfirmedAudience.add(shop, audience, rows);
    }

    private static void template(String name, String html) throws Exception {
        PublishedDomains.json(
                shop.api()
                        .put(
                                "/templates/" + name,
                                "{\"subject\":\"Hello " + name + " {{firstName}}\",\"text\":\"Hi {{firstName}}\","
                                        + "\"html\":\"" + html + "\"}"),
                201);
    }

    private static String problemField(HttpResponse<String> response, int status) {
        return problemFields(response, status).get(0);
    }

    private static List<String> problemFields(HttpResponse<String> response, int status) {
        return PublishedDomains.json(response, status)
                .getJsonArray("invalid-params")
                .getValuesAs(JsonValue::asJsonObject)
                .stream()
                .map(p -> p.getString("name"))
                .toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

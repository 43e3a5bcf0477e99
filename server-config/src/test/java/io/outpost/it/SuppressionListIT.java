package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static io.outpost.it.MessageStories.listEvents;
import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenants' suppression lists (the built-in {@code suppression-list} policy) against the real server: entries added,
 * listed, explained and undone through the tenant API; a suppressed recipient's message accepted, then held before
 * delivery with the reason in its story, never reaching its server; per domain and per stream; one tenant's list never
 * seen by or applied to another.
 */
class SuppressionListIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void anAddressOnTheListIsAcceptedThenHeldBeforeDeliveryUntilTheEntryIsUndone() throws Exception {
        ApiSender shop = ApiSender.create("suppress-list");
        String ann = unique("ann") + "@ok.test";

        HttpResponse<String> added = shop.api()
                .post("/suppressions", "{\"address\":\"" + ann.toUpperCase() + "\",\"note\":\"asked by phone\"}");
        JsonObject entry = PublishedDomains.json(added, 201);
        assertThat(entry.getString("address")).isEqualTo(ann);
        assertThat(entry.getString("reason")).isEqualTo("manual");
        assertThat(entry.getString("scope")).isEqualTo("tenant");
        assertThat(entry.getString("note")).isEqualTo("asked by phone");
        // Adding it again changes nothing: the first entry and its reason stay.
        JsonObject again = PublishedDomains.json(
                shop.api().post("/suppressions", "{\"address\":\"" + ann + "\",\"reason\":\"complaint\"}"), 200);
        assertThat(again.getString("reason")).isEqualTo("manual");
        JsonObject listed = PublishedDomains.json(shop.api().get("/suppressions?contains=" + ann.substring(0, 8)), 200);
        assertThat(listed.getJsonArray("suppressions").getValuesAs(JsonValue::asJsonObject))
                .extracting(e -> e.getString("address"))
                .containsExactly(ann);

        String heldSubject = unique("held");
        String held = send(shop, ann, heldSubject, "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + held, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(events(shop.api(), held))
                .filteredOn(event -> event.getString("kind").equals("SUPPRESSED"))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.getString("detail")).isEqualTo("550 5.7.1 Recipient suppressed: manual"));
        assertThat(TestNetwork.MX.transactions())
                .noneMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(heldSubject));

        assertThat(shop.api()
                        .delete("/suppressions/" + ann + "?note=wrong%20block")
                        .statusCode())
                .isEqualTo(204);
        JsonObject story = PublishedDomains.json(shop.api().get("/suppressions/" + ann), 200);
        assertThat(story.getJsonArray("entries")).isEmpty();
        assertThat(story.getJsonArray("history").getValuesAs(JsonValue::asJsonObject))
                .extracting(change -> change.getString("change") + " " + change.getString("reason") + " "
                        + change.getString("by").startsWith("api-key:") + " " + change.getString("note", "-"))
                .containsExactly("added manual true asked by phone", "removed manual true wrong block");

        // The stream (and the webhooks) tell of both changes, as a receiver mirroring the list needs.
        assertThat(listEvents(shop.api(), ann, 2))
                .extracting(event -> event.getString("kind") + " " + event.containsKey("messageId"))
                .containsExactly("SUPPRESSION_ADDED false", "SUPPRESSION_REMOVED false");

        String delivered = send(shop, ann, "after-undo", "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + delivered, "DELIVERED"))
                .isEqualTo("DELIVERED");
    }

    @Test
    void aDomainEntryHoldsEveryAddressOfItAndAStreamEntryOnlyItsStream() throws Exception {
        ApiSender shop = ApiSender.create("suppress-scope");
        String bob = unique("bob") + "@ok.test";
        PublishedDomains.json(
                shop.api().post("/suppressions", "{\"address\":\"" + bob + "\",\"stream\":\"bulk\"}"), 201);

        String bulk = send(shop, bob, "bulk", "bulk");
        String receipt = send(shop, bob, "receipt", "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + bulk, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(awaitState(shop.api(), "/messages/" + receipt, "DELIVERED")).isEqualTo("DELIVERED");

        ApiSender other = ApiSender.create("suppress-domain");
        PublishedDomains.json(other.api().post("/suppressions", "{\"domain\":\"OK.test\",\"reason\":\"policy\"}"), 201);
        String anyone = send(other, unique("anyone") + "@ok.test", "domain", "transactional");
        assertThat(awaitState(other.api(), "/messages/" + anyone, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(PublishedDomains.json(other.api().get("/suppressions/@ok.test"), 200)
                        .getJsonArray("entries")
                        .getJsonObject(0)
                        .getString("domain"))
                .isEqualTo("ok.test");
    }

    @Test
    void aTenantNeverSeesNorMeetsAnotherTenantsList() throws Exception {
        ApiSender owner = ApiSender.create("suppress-owner");
        ApiSender stranger = ApiSender.create("suppress-stranger");
        String carol = unique("carol") + "@ok.test";
        PublishedDomains.json(owner.api().post("/suppressions", "{\"address\":\"" + carol + "\"}"), 201);

        assertThat(stranger.api().get("/suppressions/" + carol).statusCode()).isEqualTo(404);
        assertThat(PublishedDomains.json(stranger.api().get("/suppressions"), 200)
                        .getJsonArray("suppressions"))
                .isEmpty();
        assertThat(stranger.api().delete("/suppressions/" + carol).statusCode()).isEqualTo(404);
        String sent = send(stranger, carol, "stranger", "transactional");
        assertThat(awaitState(stranger.api(), "/messages/" + sent, "DELIVERED")).isEqualTo("DELIVERED");
        assertThat(PublishedDomains.json(owner.api().get("/suppressions/" + carol), 200)
                        .getJsonArray("entries"))
                .hasSize(1);
    }

    @Test
    void theOperatorsListHoldsEveryTenantsMailAndAnOperatorCanUndoATenantsBlock() throws Exception {
        ApiSender shop = ApiSender.create("suppress-operator");
        String dave = unique("dave") + "@ok.test";
        JsonObject entry = PublishedDomains.json(
                ApiClient.admin()
                        .post("/admin/suppressions", "{\"address\":\"" + dave + "\",\"reason\":\"complaint\"}"),
                201);
        assertThat(entry.getString("scope")).isEqualTo("operator");
        assertThat(problemField(ApiClient.admin()
                        .post("/admin/suppressions", "{\"address\":\"" + dave + "\",\"stream\":\"bulk\"}")))
                .isEqualTo("stream");

        String held = send(shop, dave, "operator", "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + held, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(events(shop.api(), held))
                .filteredOn(event -> event.getString("kind").equals("SUPPRESSED"))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.getString("detail")).isEqualTo("550 5.7.1 Recipient suppressed: complaint"));
        // A tenant does not see the operator's list, nor change it.
        assertThat(shop.api().get("/suppressions/" + dave).statusCode()).isEqualTo(404);
        assertThat(shop.api().delete("/suppressions/" + dave).statusCode()).isEqualTo(404);
        assertThat(shop.api().get("/admin/suppressions").statusCode()).isIn(401, 403);

        String erin = unique("erin") + "@ok.test";
        PublishedDomains.json(shop.api().post("/suppressions", "{\"address\":\"" + erin + "\"}"), 201);
        assertThat(PublishedDomains.json(ApiClient.admin().get("/admin/suppressions?tenant=" + shop.id()), 200)
                        .getJsonArray("suppressions")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(e -> e.getString("address"))
                .containsExactly(erin);
        assertThat(ApiClient.admin()
                        .delete("/admin/suppressions/" + erin + "?tenant=" + shop.id() + "&note=wrong%20block")
                        .statusCode())
                .isEqualTo(204);
        assertThat(PublishedDomains.json(shop.api().get("/suppressions/" + erin), 200)
                        .getJsonArray("history")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(change -> change.getString("change") + " "
                        + change.getString("by").replaceFirst("^api-key:op_.+", "api-key"))
                .containsExactly("added api-key", "removed admin:" + System.getProperty("it.admin.user"));
        assertThat(ApiClient.admin()
                        .get("/admin/suppressions?tenant=no-such-tenant")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theSameAddressAddedByManyRequestsAtOnceIsOneEntryAndNoRequestFails() throws Exception {
        ApiSender shop = ApiSender.create("suppress-race");
        String frank = unique("frank") + "@ok.test";
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(clients.submit(() -> shop.api()
                        .post("/suppressions", "{\"address\":\"" + frank + "\"}")
                        .statusCode()));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(60, TimeUnit.SECONDS));
            }
            // 201 for the one that added it, 200 for those that found it, 409 for one that met it being added.
            assertThat(seen).isSubsetOf(200, 201, 409).containsOnlyOnce(201);
        } finally {
            clients.shutdownNow();
        }
        assertThat(PublishedDomains.json(shop.api().get("/suppressions/" + frank), 200)
                        .getJsonArray("history"))
                .hasSize(1);
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        ApiSender shop = ApiSender.create("suppress-bad");

        assertThat(problemField(shop.api().post("/suppressions", "{}"))).isEqualTo("address");
        assertThat(problemField(shop.api().post("/suppressions", "{\"address\":\"a@ok.test\",\"domain\":\"ok.test\"}")))
                .isEqualTo("address");
        assertThat(problemField(shop.api().post("/suppressions", "{\"address\":\"not an address\"}")))
                .isEqualTo("address");
        assertThat(problemField(shop.api().post("/suppressions", "{\"address\":\"a@ok.test\",\"reason\":\"bored\"}")))
                .isEqualTo("reason");
        assertThat(problemField(shop.api()
                        .post("/suppressions", "{\"address\":\"a@ok.test\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")))
                .isEqualTo("expiresAt");
        assertThat(problemField(shop.api().get("/suppressions?limit=0"))).isEqualTo("limit");
        assertThat(problemField(shop.api().get("/suppressions/not-an-address"))).isEqualTo("target");
    }

    private static String problemField(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return PublishedDomains.json(response, 400)
                .getJsonArray("invalid-params")
                .getJsonObject(0)
                .getString("name");
    }

    @Test
    void aHardBounceSuppressesTheAddressWithTheReplyAsEvidenceAndTheNextMessageToItIsHeld() throws Exception {
        ApiSender shop = ApiSender.create("suppress-bounce");
        String gone = unique("gone") + "@ok.test";
        TestNetwork.MX.replyToRcpt(gone, "550 5.1.1 <" + gone + ">: Recipient address rejected: User unknown");

        String bounced = send(shop, gone, unique("first"), "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + bounced, "BOUNCED")).isEqualTo("BOUNCED");
        assertThat(events(shop.api(), bounced))
                .filteredOn(event -> event.getString("kind").equals("BOUNCED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail"))
                        .contains("550 5.1.1")
                        .endsWith("; bounce class hard"));
        JsonObject listed = PublishedDomains.json(shop.api().get("/suppressions/" + gone), 200);
        assertThat(listed.getJsonArray("entries").getValuesAs(JsonValue::asJsonObject))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.getString("reason")).isEqualTo("hard_bounce");
                    assertThat(entry.getString("scope")).isEqualTo("tenant");
                    assertThat(entry.getString("evidence"))
                            .contains("550 5.1.1")
                            .contains("User unknown");
                });
        assertThat(listed.getJsonArray("history").getValuesAs(JsonValue::asJsonObject))
                .extracting(change -> change.getString("change") + " " + change.getString("by"))
                .containsExactly("added bounce");

        assertThat(listEvents(shop.api(), gone, 1)).singleElement().satisfies(event -> {
            assertThat(event.getString("kind")).isEqualTo("SUPPRESSION_ADDED");
            assertThat(event.getString("messageId")).isEqualTo(bounced);
            assertThat(event.getString("detail")).contains("hard_bounce, by bounce");
        });

        // Any stream: an address that does not exist takes no newsletter either.
        String next = send(shop, gone, unique("next"), "bulk");
        assertThat(awaitState(shop.api(), "/messages/" + next, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        // Another tenant's mail to it is its own affair.
        ApiSender other = ApiSender.create("suppress-bounce-other");
        assertThat(other.api().get("/suppressions/" + gone).statusCode()).isEqualTo(404);
    }

    @Test
    void aListImportsFromCsvRowByRowNamingTheRowsItRefusesAndExportsAsCsvThatImportsAgain() throws Exception {
        ApiSender shop = ApiSender.create("suppress-csv");
        String ann = unique("ann") + "@ok.test";
        String csv = "address,stream,reason,note,expires_at\r\n"
                + ann.toUpperCase() + ",bulk,unsubscribe,\"from the old ESP, 2025\",\r\n"
                + "@" + unique("gone") + ".test,,hard_bounce,,\r\n"
                + "not an address,,,,\r\n"
                + ann + ",bulk,manual,again,\r\n"
                + unique("bob") + "@ok.test,,shouting,,\r\n"
                + unique("cy") + "@ok.test,,,,2020-01-01T00:00:00Z\r\n";

        JsonObject imported = PublishedDomains.json(
                shop.api().send("POST", "/suppressions/import", Optional.of(csv), "Content-Type", "text/csv"), 200);

        assertThat(imported.getInt("rows")).isEqualTo(6);
        assertThat(imported.getInt("added")).isEqualTo(2);
        assertThat(imported.getInt("existing")).isEqualTo(1);
        assertThat(imported.getInt("invalid")).isEqualTo(3);
        assertThat(imported.getJsonArray("errors").getValuesAs(JsonValue::asJsonObject))
                .extracting(error ->
                        error.getInt("row") + " " + error.getString("reason").split(":")[0])
                .containsExactly("3 address must be local-part@domain", "5 no such reason", "6 expires_at has passed");
        JsonObject entry = PublishedDomains.json(shop.api().get("/suppressions/" + ann), 200)
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(entry.getString("reason")).isEqualTo("unsubscribe");
        assertThat(entry.getString("note")).isEqualTo("from the old ESP, 2025");

        HttpResponse<String> export = shop.api().get("/suppressions/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("target,stream,topic,reason,created_at,expires_at,message_id,note,evidence");
        assertThat(lines).hasSize(3).anySatisfy(line -> assertThat(line)
                .startsWith(ann + ",bulk,,unsubscribe,")
                .endsWith(",\"from the old ESP, 2025\","));
        // The export imports again as it is: everything is there already.
        JsonObject again = PublishedDomains.json(
                shop.api().send("POST", "/suppressions/import", Optional.of(export.body()), "Content-Type", "text/csv"),
                200);
        assertThat(again.getInt("existing")).isEqualTo(2);
        assertThat(again.getInt("added")).isZero();
        // A CSV without a target column is refused naming it; the operator's list has no streams.
        assertThat(problemField(shop.api()
                        .send(
                                "POST",
                                "/suppressions/import",
                                Optional.of("email\r\nx@ok.test\r\n"),
                                "Content-Type",
                                "text/csv")))
                .isEqualTo("target");
        JsonObject operator = PublishedDomains.json(
                ApiClient.admin()
                        .send(
                                "POST",
                                "/admin/suppressions/import",
                                Optional.of("target,stream\r\n" + unique("op") + "@ok.test,bulk\r\n"),
                                "Content-Type",
                                "text/csv"),
                200);
        assertThat(operator.getInt("invalid")).isEqualTo(1);
    }

    @Test
    void aTenantThatAskedForItHasListedRecipientsRefusedWhenGivenAndOthersAccepted() throws Exception {
        ApiSender shop = ApiSender.create("suppress-rcpt");
        String dan = unique("dan") + "@ok.test";
        PublishedDomains.json(shop.api().post("/suppressions", "{\"address\":\"" + dan + "\"}"), 201);

        assertThat(problemField(ApiClient.admin()
                        .put("/admin/tenants/" + shop.id() + "/suppression", "{\"atRcpt\":\"sometimes\"}")))
                .isEqualTo("atRcpt");
        JsonObject tenant = PublishedDomains.json(
                ApiClient.admin().put("/admin/tenants/" + shop.id() + "/suppression", "{\"atRcpt\":\"refuse\"}"), 200);
        assertThat(tenant.getJsonObject("suppression").getString("atRcpt")).isEqualTo("refuse");

        HttpResponse<String> refused = shop.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + dan
                                + "\"],\"subject\":\"refused\",\"text\":\"hi\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("550 5.7.1 Recipient suppressed: manual");
        String other = send(shop, unique("eve") + "@ok.test", "accepted", "transactional");
        assertThat(awaitState(shop.api(), "/messages/" + other, "DELIVERED")).isEqualTo("DELIVERED");
    }

    private static String send(ApiSender sender, String to, String subject, String stream) throws Exception {
        return PublishedDomains.json(
                        sender.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + to + "\"],\"subject\":\""
                                                + subject + "\",\"text\":\"hi\",\"stream\":\"" + stream + "\"}"),
                        202)
                .getString("id");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<JsonObject> events(ApiClient api, String id) throws Exception {
        return story(api, "/messages/" + id).getJsonArray("events").getValuesAs(JsonValue::asJsonObject);
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message's story in the real server: the tenant that sent it reads its recipients and what happened to it, in
 * order; another tenant gets the same 404 as for an id that does not exist; an operator reads any message.
 */
class MessageStoryIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void theSendingTenantAndOperatorsReadTheStoryOfADeliveredMessageOtherTenantsCannot() throws Exception {
        ApiSender sender = ApiSender.create("story");
        ApiSender other = ApiSender.create("story-other");
        String marker = "story-" + UUID.randomUUID();
        HttpResponse<String> accepted = sender.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + sender.from() + "\",\"to\":[\"to-" + marker + "@ok.test\"],\"subject\":\""
                                + marker + "\",\"text\":\"hi\"}");
        String id = PublishedDomains.json(accepted, 202).getString("id");
        TestNetwork.awaitTransactionsContaining(marker, 1);

        JsonObject story = awaitDelivered(sender.api(), "/messages/" + id);

        assertThat(story.getString("id")).isEqualTo(id);
        assertThat(story.getString("tenant")).isEqualTo(sender.id());
        assertThat(story.getString("sender")).isEqualTo("<" + sender.from() + ">");
        JsonObject recipient = story.getJsonArray("recipients").getJsonObject(0);
        assertThat(recipient.getString("address")).isEqualTo("to-" + marker + "@ok.test");
        assertThat(recipient.getInt("attempts")).isEqualTo(1);
        assertThat(story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .containsExactly("RECEIVED", "QUEUED", "DELIVERED");
        JsonObject delivered = story.getJsonArray("events").getJsonObject(2);
        assertThat(delivered.getString("recipient")).isEqualTo(recipient.getString("id"));
        // The remote reply, with the host that gave it.
        assertThat(delivered.getString("detail")).contains(" said: 250");
        assertThat(Instant.parse(delivered.getString("at")))
                .isAfterOrEqualTo(Instant.parse(story.getString("receivedAt")));

        HttpResponse<String> foreign = other.api().get("/messages/" + id);
        HttpResponse<String> unknown = other.api().get("/messages/999999999999");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(marker);

        HttpResponse<String> byOperator = ApiClient.admin().get("/admin/messages/" + id);
        assertThat(byOperator.statusCode()).isEqualTo(200);
        assertThat(byOperator.body())
                .contains("\"tenant\":\"" + sender.id() + "\"")
                .contains("DELIVERED");
        assertThat(ApiClient.admin().get("/admin/messages/not-a-number").statusCode())
                .isEqualTo(404);
    }

    @Test
    void eachRoleReadsOnlyItsOwnEndpointAndEveryNonMessageIsTheSame404() throws Exception {
        ApiSender sender = ApiSender.create("story-roles");

        assertThat(ApiClient.anonymous().get("/messages/1").statusCode()).isEqualTo(401);
        assertThat(ApiClient.anonymous().get("/admin/messages/1").statusCode()).isEqualTo(401);
        assertThat(ApiClient.admin().get("/messages/1").statusCode()).isIn(401, 403);
        assertThat(sender.api().get("/admin/messages/1").statusCode()).isIn(401, 403);
        for (String id : new String[] {"abc", "-1", "0042", "99999999999999999999", "999999999999"}) {
            for (HttpResponse<String> response : new HttpResponse[] {
                sender.api().get("/messages/" + id), ApiClient.admin().get("/admin/messages/" + id)
            }) {
                assertThat(response.statusCode()).as(id).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.body()).contains("no such message").doesNotContain(id);
            }
        }
    }

    @Test
    void aTenantListsItsMessagesPageByPageAndFindsOneByItsMessageIdOthersCannot() throws Exception {
        ApiSender sender = ApiSender.create("listing");
        ApiSender other = ApiSender.create("listing-other");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(PublishedDomains.json(
                            sender.api()
                                    .post(
                                            "/messages",
                                            "{\"from\":\"" + sender.from() + "\",\"to\":[\"list-" + i
                                                    + "@ok.test\"],\"subject\":\"listing\",\"text\":\"hi\"}"),
                            202)
                    .getString("id"));
        }

        // Listed moments after the 202: the look-up rows are written just after each commit, not in it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (PublishedDomains.json(sender.api().get("/messages?limit=3"), 200)
                                .getJsonArray("messages")
                                .size()
                        < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        JsonObject first = PublishedDomains.json(sender.api().get("/messages?limit=2"), 200);
        assertThat(first.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject))
                .extracting(m -> m.getString("id"))
                .containsExactly(ids.get(2), ids.get(1));
        JsonObject second =
                PublishedDomains.json(sender.api().get("/messages?limit=2&cursor=" + first.getString("next")), 200);
        assertThat(second.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject))
                .extracting(m -> m.getString("id"))
                .containsExactly(ids.get(0));
        assertThat(second.containsKey("next")).isFalse();

        // The relay gave each message a Message-ID (RFC 6409 §8.3); its story shows it, and it finds the message.
        String messageId = PublishedDomains.json(sender.api().get("/messages/" + ids.get(0)), 200)
                .getString("messageId");
        String search = "messageId=" + URLEncoder.encode("<" + messageId + ">", StandardCharsets.UTF_8);
        assertThat(PublishedDomains.json(sender.api().get("/messages?" + search), 200)
                        .getJsonArray("messages")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(m -> m.getString("id"))
                .containsExactly(ids.get(0));
        assertThat(PublishedDomains.json(other.api().get("/messages?" + search), 200)
                        .getJsonArray("messages"))
                .isEmpty();
        assertThat(PublishedDomains.json(ApiClient.admin().get("/admin/messages?" + search), 200)
                        .getJsonArray("messages")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(m -> m.getString("tenant"))
                .containsExactly(sender.id());

        HttpResponse<String> bad = sender.api().get("/messages?limit=0&bogus=1&tenant=" + other.id());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"limit\"", "\"bogus\"", "\"tenant\"");
        assertThat(ApiClient.admin().get("/admin/messages").body()).contains("\"tenant\"");
        assertThat(ApiClient.admin().get("/admin/messages").statusCode()).isEqualTo(400);
    }

    @Test
    void aTenantReadsItsEventStreamPageByPageFromItsCursorOthersSeeNoneOfIt() throws Exception {
        ApiSender sender = ApiSender.create("stream");
        ApiSender other = ApiSender.create("stream-other");
        String marker = "stream-" + UUID.randomUUID();
        String id = sender.send(marker);

        // Published a little after each commit (within about 200 ms): read on from the cursor until both are there.
        List<JsonObject> events = new ArrayList<>();
        String cursor = "0";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.size() < 2 && System.nanoTime() < deadline) {
            JsonObject page = PublishedDomains.json(sender.api().get("/events?limit=1&cursor=" + cursor), 200);
            events.addAll(page.getJsonArray("events").getValuesAs(JsonValue::asJsonObject));
            assertThat(page.getJsonArray("events").size()).isLessThanOrEqualTo(1);
            cursor = page.getString("next");
            Thread.sleep(events.size() < 2 ? 100 : 0);
        }

        assertThat(events)
                .extracting(e -> e.getString("messageId"), e -> e.getString("kind"))
                .containsExactly(tuple(id, "QUEUED"), tuple(id, "DELIVERED"));
        assertThat(events.get(1).getString("recipient")).isEqualTo("to-" + marker + "@ok.test");
        assertThat(Long.parseLong(events.get(1).getString("cursor")))
                .isGreaterThan(Long.parseLong(events.get(0).getString("cursor")));
        // Read to its end, the stream answers no events and the same cursor, to ask with again later.
        JsonObject end = PublishedDomains.json(sender.api().get("/events?cursor=" + cursor), 200);
        assertThat(end.getJsonArray("events")).isEmpty();
        assertThat(end.getString("next")).isEqualTo(cursor);

        assertThat(other.api().get("/events").body()).doesNotContain(marker).doesNotContain("\"" + id + "\"");
        assertThat(PublishedDomains.json(ApiClient.admin().get("/admin/events?tenant=" + sender.id()), 200)
                        .getJsonArray("events")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(e -> e.getString("messageId"))
                .containsExactly(id, id);

        HttpResponse<String> bad = sender.api().get("/events?cursor=-3&limit=5000&tenant=" + other.id());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("\"cursor\"", "\"limit\"", "\"tenant\"");
        assertThat(ApiClient.admin().get("/admin/events").statusCode()).isEqualTo(400);
        assertThat(ApiClient.anonymous().get("/events").statusCode()).isEqualTo(401);
        assertThat(ApiClient.admin().get("/events").statusCode()).isIn(401, 403);
        assertThat(sender.api().get("/admin/events?tenant=" + sender.id()).statusCode())
                .isIn(401, 403);
    }

    @Test
    void theStoryOfADeferredThenDeliveredAndOfABouncedMessageTellsEveryAttemptWithItsReply() throws Exception {
        ApiSender sender = ApiSender.create("story-retry");
        String marker = "retry-" + UUID.randomUUID();
        // The test MX says "later" to the first recipient once, and "no such user" to the second every time.
        TestNetwork.MX
                .replyToRcpt("to-" + marker + "-later@ok.test", "451 4.2.1 mailbox busy, try later", 1)
                .replyToRcpt("to-" + marker + "-gone@ok.test", "550 5.1.1 no such user");

        String later = sender.send(marker + "-later");
        String gone = sender.send(marker + "-gone");

        JsonObject retried = awaitDelivered(sender.api(), "/messages/" + later);
        assertThat(retried.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .containsExactly("RECEIVED", "QUEUED", "DEFERRED", "DELIVERED");
        assertThat(retried.getJsonArray("events").getJsonObject(2).getString("detail"))
                .contains("without TLS said: 451 4.2.1 mailbox busy, try later");
        assertThat(retried.getJsonArray("recipients").getJsonObject(0).getInt("attempts"))
                .isEqualTo(2);

        JsonObject bounced = awaitState(sender.api(), "/messages/" + gone, "BOUNCED");
        assertThat(bounced.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .startsWith("RECEIVED", "QUEUED", "BOUNCED");
        assertThat(bounced.getJsonArray("events").getJsonObject(2).getString("detail"))
                .contains("said: 550 5.1.1 no such user");
        // The sender is told (RFC 3464), and the DSN is one of the tenant's messages too.
        JsonObject withDsn = awaitStory(
                sender.api(), "/messages/" + gone, story -> story.toString().contains("DSN_QUEUED"));
        assertThat(withDsn.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .contains("DSN_QUEUED");
        // The first chapter says who submitted it: the API key.
        assertThat(bounced.getJsonArray("events").getJsonObject(0).getString("detail"))
                .contains(" by ");
    }

    private static JsonObject awaitState(ApiClient api, String path, String state) throws Exception {
        return awaitStory(api, path, story -> story.getJsonArray("recipients")
                .getJsonObject(0)
                .getString("state")
                .equals(state));
    }

    private static JsonObject awaitStory(ApiClient api, String path, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonObject story = PublishedDomains.json(api.get(path), 200);
            if (done.test(story)) {
                return story;
            }
            assertThat(System.nanoTime()).as("story: " + story).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Delivery records its outcome just after the receiver's 250: read until the story has it. */
    private static JsonObject awaitDelivered(ApiClient api, String path) throws Exception {
        return awaitState(api, path, "DELIVERED");
    }
}

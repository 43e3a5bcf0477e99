package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One-click unsubscribe (RFC 8058) against the real server: every bulk message leaves with List-Unsubscribe and
 * List-Unsubscribe-Post under a signature dkimpy verifies, each recipient of a message to several with their own link;
 * a GET only shows a page; the one-click POST suppresses the recipient at once, so a message already queued for them is
 * not delivered, and tells the story with an UNSUBSCRIBED event; a tampered link is a 404; transactional mail gets no
 * fields; a sender's own incomplete fields are refused.
 */
class UnsubscribeIT {

    private static final Pattern LIST_UNSUBSCRIBE = Pattern.compile(
            "(?m)^List-Unsubscribe: <(http://localhost:\\d+/u/[A-Za-z0-9_-]+)>, <mailto:([^?>]+)\\?subject=unsubscribe>$");

    private static final HttpClient HTTP = Browser.HTTP;

    private static ApiSender shop;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        shop = ApiSender.create("unsubscribe");
    }

    @Test
    void theOneClickPostSuppressesAtOnceAlsoForAMessageAlreadyQueuedWhileAGetOnlyAsks() throws Exception {
        String marker = unique("uc");
        String ann = marker + "@ok.test";
        String first = send(List.of(ann), marker + "-first", "bulk", "");
        String delivered = text(
                TestNetwork.awaitTransactionsContaining(marker + "-first", 1).get(0));

        assertThat(delivered).contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        Matcher link = LIST_UNSUBSCRIBE.matcher(delivered);
        assertThat(link.find()).as(delivered).isTrue();
        String url = link.group(1);
        assertThat(topSignature(delivered)).contains("list-unsubscribe:list-unsubscribe-post");
        assertThat(DkimpyOverDns.verify(List.of(delivered.getBytes(StandardCharsets.UTF_8))))
                .singleElement()
                .asString()
                .contains("=pass")
                .doesNotContain("=fail");
        // Queued before the unsubscribe, due after it.
        String queued = send(
                List.of(ann),
                marker + "-queued",
                "bulk",
                ",\"sendAt\":\"" + Instant.now().plusSeconds(4) + "\"");

        // A scanner or prefetcher's GET (and HEAD) unsubscribes nobody.
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains(ann).contains("<form method=\"post\">");
        assertThat(shop.api().get("/suppressions/" + ann).statusCode()).isEqualTo(404);

        long posted = System.nanoTime();
        HttpResponse<String> oneClick = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject entries = PublishedDomains.json(shop.api().get("/suppressions/" + ann), 200);
        long tookMillis = (System.nanoTime() - posted) / 1_000_000;

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(tookMillis).isLessThan(1_000);
        assertThat(entries.getJsonArray("entries").getValuesAs(JsonValue::asJsonObject))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.getString("reason")).isEqualTo("unsubscribe");
                    assertThat(entry.getString("stream")).isEqualTo("bulk");
                    assertThat(entry.getString("evidence")).startsWith("one-click POST from 127.0.0.1");
                });
        assertThat(awaitState(shop.api(), "/messages/" + queued, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(events(first))
                .filteredOn(event -> event.getString("kind").equals("UNSUBSCRIBED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail")).startsWith("one-click POST from 127.0.0.1"));
        // Again, and from the page: no second entry, no second event.
        HttpResponse<String> again = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("confirm=page"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("gets no more bulk mail");
        assertThat(events(first))
                .filteredOn(event -> event.getString("kind").equals("UNSUBSCRIBED"))
                .hasSize(1);
        // Transactional mail still reaches them: they left the newsletters, not their receipts.
        String receipt = send(List.of(ann), marker + "-receipt", "transactional", "");
        assertThat(awaitState(shop.api(), "/messages/" + receipt, "DELIVERED")).isEqualTo("DELIVERED");
        assertThat(text(TestNetwork.awaitTransactionsContaining(marker + "-receipt", 1)
                        .get(0)))
                .doesNotContain("List-Unsubscribe");
    }

    @Test
    void mailToTheMailtoAddressUnsubscribesToo() throws Exception {
        String marker = unique("ul");
        String ann = marker + "@ok.test";
        String id = send(List.of(ann), marker, "bulk", "");
        Matcher link = LIST_UNSUBSCRIBE.matcher(
                text(TestNetwork.awaitTransactionsContaining(marker, 1).get(0)));
        assertThat(link.find()).isTrue();
        String mailto = link.group(2);
        assertThat(mailto).startsWith("u-").endsWith("@bounces." + shop.domain());

        String reply = ReturnPathIT.mailReport(
                mailto, "From: " + ann + "\r\nTo: " + mailto + "\r\nSubject: unsubscribe\r\n\r\nPlease.\r\n");

        assertThat(reply).startsWith("250 2.0.0");
        JsonObject entry = PublishedDomains.json(shop.api().get("/suppressions/" + ann), 200)
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(entry.getString("reason")).isEqualTo("unsubscribe");
        assertThat(entry.getString("stream")).isEqualTo("bulk");
        assertThat(entry.getString("evidence")).startsWith("mail to the mailto: address from 127.0.0.3");
        assertThat(events(id))
                .filteredOn(event -> event.getString("kind").equals("UNSUBSCRIBED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail")).startsWith("mail to the mailto: address"));
    }

    @Test
    void aTamperedLinkIsNotFoundAndUnsubscribesNobody() throws Exception {
        String marker = unique("ut");
        send(List.of(marker + "@ok.test"), marker, "bulk", "");
        Matcher link = LIST_UNSUBSCRIBE.matcher(
                text(TestNetwork.awaitTransactionsContaining(marker, 1).get(0)));
        assertThat(link.find()).isTrue();
        String url = link.group(1);
        char last = url.charAt(url.length() - 1);
        String tampered = url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');

        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(URI.create(tampered))
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(shop.api().get("/suppressions/" + marker + "@ok.test").statusCode())
                .isEqualTo(404);
    }

    @Test
    void eachRecipientOfABulkMessageToSeveralGetsACopyWithTheirOwnLinkSigned() throws Exception {
        String marker = unique("um");
        send(List.of(marker + "-a@ok.test", marker + "-b@ok.test"), marker, "bulk", "");

        List<Transaction> copies = TestNetwork.awaitTransactionsContaining(marker, 2);

        assertThat(copies).hasSize(2);
        assertThat(copies).allSatisfy(copy -> assertThat(copy.rcptTo()).hasSize(1));
        List<String> links = copies.stream()
                .map(copy -> {
                    Matcher link = LIST_UNSUBSCRIBE.matcher(text(copy));
                    assertThat(link.find()).isTrue();
                    return link.group(1);
                })
                .toList();
        assertThat(links.get(0)).isNotEqualTo(links.get(1));
        assertThat(DkimpyOverDns.verify(copies.stream().map(Transaction::data).toList()))
                .hasSize(2)
                .allSatisfy(result -> assertThat(result).contains("=pass").doesNotContain("=fail"));
        // Each link names its own copy's recipient.
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> page = HTTP.send(
                    HttpRequest.newBuilder(URI.create(links.get(i))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains(copies.get(i).rcptTo().get(0));
        }
    }

    @Test
    void aSendersOwnFieldsAreKeptWhenCompleteAndRefusedWhenNot() throws Exception {
        String marker = unique("uo");
        String own = ",\"headers\":{\"List-Unsubscribe\":\"<https://shop.example/leave?u=1>\","
                + "\"List-Unsubscribe-Post\":\"List-Unsubscribe=One-Click\"}";
        send(List.of(marker + "@ok.test"), marker, "bulk", own);
        String delivered =
                text(TestNetwork.awaitTransactionsContaining(marker, 1).get(0));
        assertThat(delivered).contains("List-Unsubscribe: <https://shop.example/leave?u=1>");
        assertThat(LIST_UNSUBSCRIBE.matcher(delivered).find()).isFalse();

        HttpResponse<String> incomplete = shop.api()
                .post(
                        "/messages",
                        body(
                                List.of(marker + "-x@ok.test"),
                                marker + "-x",
                                "bulk",
                                ",\"headers\":{\"List-Unsubscribe\":\"<mailto:leave@shop.example>\"}"));
        assertThat(PublishedDomains.json(incomplete, 403).getString("detail"))
                .contains("List-Unsubscribe without List-Unsubscribe-Post");
    }

    @Test
    void aRecipientLeavesOneTopicByOneClickAndChoosesMoreOnThePreferenceCentre() throws Exception {
        ApiSender news = ApiSender.create("unsubscribe-topics");
        assertThat(news.api()
                        .put("/topics/newsletter", "{\"title\":\"Weekly newsletter\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(news.api()
                        .put("/topics/offers", "{\"title\":\"Offers\",\"description\":\"Sales & <deals>\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(PublishedDomains.json(news.api().put("/topics/offers", "{\"title\":\"Special offers\"}"), 200)
                        .getString("title"))
                .isEqualTo("Special offers");
        assertThat(PublishedDomains.json(news.api().get("/topics"), 200)
                        .getJsonArray("topics")
                        .getValuesAs(JsonValue::asJsonObject))
                .extracting(topic -> topic.getString("name"))
                .containsExactly("newsletter", "offers");
        assertThat(problemField(news.api().put("/topics/Not%20One", "{\"title\":\"x\"}"), 400))
                .isEqualTo("name");
        assertThat(problemField(news.api().post("/messages", topicBody(news, "x@ok.test", "x", "sports")), 400))
                .isEqualTo("topic");
        // Another tenant has no such topics.
        assertThat(shop.api().get("/topics/offers").statusCode()).isEqualTo(404);

        String marker = unique("ut");
        String ann = marker + "@ok.test";
        sendOn(news, ann, marker + "-offer1", "offers");
        String delivered = text(
                TestNetwork.awaitTransactionsContaining(marker + "-offer1", 1).get(0));
        assertThat(delivered).doesNotContain("X-Outpost-Topic");
        Matcher link = LIST_UNSUBSCRIBE.matcher(delivered);
        assertThat(link.find()).as(delivered).isTrue();
        String url = link.group(1);

        // The page lists the sender's topics, this message's ticked, each title escaped.
        String page = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(page)
                .contains("Weekly newsletter")
                .contains("Special offers")
                .contains("value=\"offers\" checked")
                .contains("value=\"newsletter\">")
                .contains("Leave all of this sender");

        // The one click leaves the message's topic only.
        assertThat(post(url, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(entries(news, ann))
                .extracting(entry -> entry.getString("scope") + " " + entry.getString("topic", "-"))
                .containsExactly("topic offers");
        String offer = sendOn(news, ann, marker + "-offer2", "offers");
        String newsletter = sendOn(news, ann, marker + "-news1", "newsletter");
        assertThat(awaitState(news.api(), "/messages/" + offer, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(awaitState(news.api(), "/messages/" + newsletter, "DELIVERED"))
                .isEqualTo("DELIVERED");

        // The preference centre: the newsletter too, then everything.
        HttpResponse<String> nothing = post(url, "confirm=topics");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("Tick at least one topic");
        HttpResponse<String> chosen = post(url, "leave=newsletter&confirm=topics");
        assertThat(chosen.body()).contains("Weekly newsletter").doesNotContain("Special offers");
        assertThat(entries(news, ann))
                .extracting(entry -> entry.getString("topic", "-"))
                .containsExactlyInAnyOrder("offers", "newsletter");
        String untopical = sendOn(news, ann, marker + "-plain1", "");
        assertThat(awaitState(news.api(), "/messages/" + untopical, "DELIVERED"))
                .isEqualTo("DELIVERED");
        assertThat(post(url, "all=page").body()).contains("gets no more bulk mail");
        String after = sendOn(news, ann, marker + "-plain2", "");
        assertThat(awaitState(news.api(), "/messages/" + after, "SUPPRESSED")).isEqualTo("SUPPRESSED");

        // Undone for one topic by the tenant, with the topic named.
        assertThat(news.api()
                        .delete("/suppressions/" + ann + "?topic=offers&note=asked%20again")
                        .statusCode())
                .isEqualTo(204);
        assertThat(entries(news, ann))
                .extracting(entry -> entry.getString("scope") + " " + entry.getString("topic", "-"))
                .containsExactlyInAnyOrder("topic newsletter", "stream -");
    }

    private static String sendOn(ApiSender sender, String to, String subject, String topic) throws Exception {
        return PublishedDomains.json(sender.api().post("/messages", topicBody(sender, to, subject, topic)), 202)
                .getString("id");
    }

    private static String topicBody(ApiSender sender, String to, String subject, String topic) {
        return "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + to + "\"],\"subject\":\"" + subject
                + "\",\"stream\":\"bulk\",\"text\":\"hello\""
                + (topic.isEmpty() ? "" : ",\"topic\":\"" + topic + "\"") + "}";
    }

    private static List<JsonObject> entries(ApiSender sender, String address) throws Exception {
        return PublishedDomains.json(sender.api().get("/suppressions/" + address), 200)
                .getJsonArray("entries")
                .getValuesAs(JsonValue::asJsonObject);
    }

    private static String problemField(HttpResponse<String> response, int status) {
        return PublishedDomains.json(response, status)
                .getJsonArray("invalid-params")
                .getJsonObject(0)
                .getString("name");
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String send(List<String> to, String subject, String stream, String extra) throws Exception {
        return PublishedDomains.json(shop.api().post("/messages", body(to, subject, stream, extra)), 202)
                .getString("id");
    }

    private static String body(List<String> to, String subject, String stream, String extra) {
        return "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + String.join("\",\"", to) + "\"],\"subject\":\""
                + subject + "\",\"stream\":\"" + stream + "\",\"text\":\"hello\"" + extra + "}";
    }

    private static List<JsonObject> events(String id) throws Exception {
        return story(shop.api(), "/messages/" + id).getJsonArray("events").getValuesAs(JsonValue::asJsonObject);
    }

    // The h= of the first DKIM-Signature, unfolded.
    private static String topSignature(String message) {
        int start = message.indexOf("DKIM-Signature:");
        int end = message.indexOf("\r\n", start);
        while (message.startsWith("\r\n\t", end) || message.startsWith("\r\n ", end)) {
            end = message.indexOf("\r\n", end + 2);
        }
        return message.substring(start, end).replaceAll("\\s+", "");
    }

    private static String text(Transaction transaction) {
        return new String(transaction.data(), StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

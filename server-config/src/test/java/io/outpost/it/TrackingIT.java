package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Open and click tracking against the real server: a bulk message's HTML leaves with its links rewritten and a pixel,
 * signed so that dkimpy verifies it; following the links redirects to where they went and records CLICKED events, the
 * pixel records OPENED; a scanner's click (too soon, HEAD, several links at once) and an image proxy's open are
 * flagged as machines; a tampered token is a 404 that redirects nowhere; transactional mail is not tracked.
 */
class TrackingIT {

    private static final Pattern TRACKED = Pattern.compile("http://localhost:\\d+/t/[A-Za-z0-9_-]+");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static ApiSender tenant;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        tenant = ApiSender.create("tracking");
    }

    private static String send(String marker, String stream) throws Exception {
        String html = "<p>Hello</p><a href=\\\"https://shop.example/sale?a=1&amp;b=2\\\">sale</a> "
                + "<a href=\\\"https://shop.example/new\\\">new</a> "
                + "<a data-outpost-track=\\\"off\\\" href=\\\"https://shop.example/private\\\">private</a>";
        return PublishedDomains.json(
                        tenant.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + tenant.from() + "\",\"to\":[\"" + marker + "@ok.test\"],"
                                                + "\"subject\":\"" + marker + "\",\"stream\":\"" + stream + "\","
                                                + "\"tags\":[\"" + marker + "\"],"
                                                + "\"text\":\"see https://shop.example/text\",\"html\":\"" + html
                                                + "\"}"),
                        202)
                .getString("id");
    }

    @Test
    void aBulkMessagesLinksAndPixelRecordPeopleAndFlagMachines() throws Exception {
        String marker = "trk-" + UUID.randomUUID().toString().substring(0, 8);
        String id = send(marker, "bulk");
        byte[] delivered = RelayEndToEndIT.awaitTransactionContaining(marker).data();

        MimeMessage message =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(delivered));
        Multipart alternative = (Multipart) message.getContent();
        String text = alternative.getBodyPart(0).getContent().toString();
        String html = alternative.getBodyPart(1).getContent().toString();
        List<String> tracked =
                TRACKED.matcher(html).results().map(MatchResult::group).toList();
        assertThat(tracked).hasSize(3); // two links and the pixel
        assertThat(html).contains("href=\"https://shop.example/private\"").doesNotContain("data-outpost-track");
        assertThat(html).doesNotContain("https://shop.example/sale").doesNotContain("https://shop.example/new\"");
        assertThat(text).contains("see https://shop.example/text");
        assertThat(DkimpyOverDns.verify(List.of(delivered)))
                .singleElement()
                .asString()
                .contains("=pass")
                .doesNotContain("=fail");

        String sale = tracked.get(0);
        String newest = tracked.get(1);
        String pixel = tracked.get(2);
        // At once after delivery: a scanner's click, still redirected.
        HttpResponse<String> scanner =
                get(sale, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36");
        assertThat(scanner.statusCode()).isEqualTo(302);
        Thread.sleep(2_500); // past the integration tests' scanner window (2 s)
        HttpResponse<String> person = get(sale, BROWSER);
        // The same person's reload: answered, not counted again.
        HttpResponse<String> reload = get(sale, BROWSER);
        HttpResponse<String> atOnce = get(newest, BROWSER);
        HttpResponse<Void> head = HTTP.send(
                HttpRequest.newBuilder(URI.create(newest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("User-Agent", BROWSER)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<byte[]> open = HTTP.send(
                HttpRequest.newBuilder(URI.create(pixel))
                        .header("User-Agent", BROWSER)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> proxy =
                get(pixel, "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)");

        assertThat(person.statusCode()).isEqualTo(302);
        assertThat(person.headers().firstValue("Location")).hasValue("https://shop.example/sale?a=1&b=2");
        assertThat(reload.headers().firstValue("Location")).hasValue("https://shop.example/sale?a=1&b=2");
        assertThat(atOnce.headers().firstValue("Location")).hasValue("https://shop.example/new");
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(open.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(open.body()).startsWith('G', 'I', 'F', '8', '9', 'a');
        assertThat(proxy.statusCode()).isEqualTo(200);

        JsonObject story = PublishedDomains.json(tenant.api().get("/messages/" + id), 200);
        JsonObject engagement = story.getJsonObject("engagement");
        assertThat(engagement.getJsonObject("opens").getInt("human")).isEqualTo(1);
        assertThat(engagement.getJsonObject("opens").getInt("machine")).isEqualTo(1);
        assertThat(engagement.getJsonObject("clicks").getInt("human")).isEqualTo(1);
        assertThat(engagement.getJsonObject("clicks").getInt("machine")).isEqualTo(3);
        List<String> clicks = story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(event -> event.getString("kind").equals("CLICKED"))
                .map(event -> event.getString("detail"))
                .toList();
        assertThat(clicks.get(0)).startsWith("machine (clicked ").contains("after delivery");
        assertThat(clicks.get(1)).startsWith("human; link 1: https://shop.example/sale?a=1&b=2; from 127.0.0.1");
        assertThat(clicks.get(2)).startsWith("machine (several links clicked at once); link 2:");
        assertThat(clicks.get(3)).startsWith("machine (HEAD request)");

        // Counted as the events were published, per tag; another tenant sees none of it.
        JsonObject tagged = awaitStats(tenant, marker);
        assertThat(tagged.getInt("sent")).isEqualTo(1);
        assertThat(tagged.getInt("delivered")).isEqualTo(1);
        assertThat(tagged.getJsonObject("opened").getInt("human")).isEqualTo(1);
        assertThat(tagged.getJsonObject("opened").getInt("machine")).isEqualTo(1);
        assertThat(tagged.getJsonObject("clicked").getInt("human")).isEqualTo(1);
        assertThat(tagged.getJsonObject("clicked").getInt("machine")).isEqualTo(3);
        JsonObject byDomain = PublishedDomains.json(tenant.api().get("/stats?by=domain"), 200);
        assertThat(byDomain.getJsonArray("rows").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(row -> assertThat(row.getString("domain")).isEqualTo(tenant.domain()));
        ApiSender other = ApiSender.create("tracking-other");
        assertThat(PublishedDomains.json(other.api().get("/stats?by=tag"), 200).getJsonArray("rows"))
                .isEmpty();
        assertThat(PublishedDomains.json(tenant.api().get("/stats?by=week"), 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("by");
    }

    // The tag's row once every event is counted: they are published a little after their commits.
    private static JsonObject awaitStats(ApiSender sender, String tag) throws Exception {
        JsonObject row = null;
        for (int i = 0; i < 50; i++) {
            row = PublishedDomains.json(sender.api().get("/stats?by=tag"), 200)
                    .getJsonArray("rows")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .filter(r -> r.getString("tag").equals(tag))
                    .findFirst()
                    .orElse(null);
            if (row != null && row.getJsonObject("clicked").getInt("machine") == 3) {
                return row;
            }
            Thread.sleep(100);
        }
        return row;
    }

    @Test
    void aDomainsOwnTrackingHostIsPublishedCheckedAndThenUsedForItsLinks() throws Exception {
        ApiSender owner = ApiSender.create("tracking-host");
        String host = "click." + owner.domain();
        HttpResponse<String> outside = owner.api()
                .put("/domains/" + owner.domain() + "/tracking-host", "{\"trackingHost\":\"click.other.test\"}");
        JsonObject set = PublishedDomains.json(
                owner.api().put("/domains/" + owner.domain() + "/tracking-host", "{\"trackingHost\":\"" + host + "\"}"),
                200);

        assertThat(PublishedDomains.json(outside, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("trackingHost");
        assertThat(set.getString("trackingHost")).isEqualTo(host);
        JsonObject record = set.getJsonArray("records").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(r -> r.getString("kind").equals("TRACKING"))
                .findFirst()
                .orElseThrow();
        assertThat(record.getString("type")).isEqualTo("CNAME");
        assertThat(record.getString("value")).isEqualTo("localhost.");
        assertThat(record.getJsonObject("check").getString("status")).isEqualTo("MISSING");

        PublishedDomains.publish(
                owner.id(), owner.domain(), r -> r.getString("kind").equals("TRACKING"));
        JsonObject checked = PublishedDomains.check(owner.id(), owner.domain());
        assertThat(checked.getJsonArray("records").getValuesAs(JsonValue::asJsonObject))
                .filteredOn(r -> r.getString("kind").equals("TRACKING"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.getJsonObject("check").getString("status")).isEqualTo("FOUND"));

        String marker = "trk-" + UUID.randomUUID().toString().substring(0, 8);
        PublishedDomains.json(
                owner.api()
                        .post(
                                "/messages",
                                "{\"from\":\"" + owner.from() + "\",\"to\":[\"" + marker + "@ok.test\"],\"subject\":\""
                                        + marker
                                        + "\",\"stream\":\"bulk\",\"html\":\"<a href=\\\"https://shop.example/\\\">x</a>\"}"),
                202);
        String delivered = new String(
                        RelayEndToEndIT.awaitTransactionContaining(marker).data(), StandardCharsets.UTF_8)
                .replace("=\r\n", "");
        assertThat(delivered).contains("http://" + host + ":" + OutpostUnderTest.HTTP_PORT + "/t/");
    }

    @Test
    void aTamperedTokenIsA404ThatRedirectsNowhere() throws Exception {
        String marker = "trk-" + UUID.randomUUID().toString().substring(0, 8);
        send(marker, "bulk");
        String html =
                new String(RelayEndToEndIT.awaitTransactionContaining(marker).data(), StandardCharsets.UTF_8);
        Matcher link = TRACKED.matcher(html.replace("=\r\n", ""));
        assertThat(link.find()).isTrue();
        String url = link.group();
        char last = url.charAt(url.length() - 1);
        String tampered = url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');

        HttpResponse<String> answer = get(tampered, BROWSER);
        HttpResponse<String> invented = get(url.substring(0, url.indexOf("/t/") + 3) + "aGVsbG8", BROWSER);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("shop.example");
        assertThat(invented.statusCode()).isEqualTo(404);
    }

    @Test
    void transactionalMailIsNotTrackedUnlessItAsks() throws Exception {
        String marker = "trk-" + UUID.randomUUID().toString().substring(0, 8);
        send(marker, "transactional");

        String delivered =
                new String(RelayEndToEndIT.awaitTransactionContaining(marker).data(), StandardCharsets.UTF_8);

        assertThat(delivered).doesNotContain("/t/").contains("https://shop.example/new");
    }

    private static HttpResponse<String> get(String url, String agent) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("User-Agent", agent)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in with proof of consent against the real server: an audience made through the tenant API; a subscription
 * asked through the API and through the hosted form sends a confirmation message that reaches the test's MX; a GET of
 * its link confirms nothing, the POST confirms; the subscriber's proof (when and from where it was asked and confirmed,
 * which consent version) comes back from the API; a tampered link is a 404; a CSV import keeps the tenant's proof; and
 * another tenant sees none of it.
 */
class DoubleOptInIT {

    private static final Pattern CONFIRM_LINK = Pattern.compile("(http://localhost:\\d+/c/[A-Za-z0-9_-]+)");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String BASE = "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT;

    private static final HttpClient HTTP = Browser.HTTP;

    private static ApiSender shop;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        shop = ApiSender.create("optin");
    }

    @Test
    void anApiSubscriptionIsConfirmedByThePostOfItsLinkAndKeepsItsProof() throws Exception {
        String marker = unique("oa");
        String id = createAudience(marker, "Send me the weekly news (v1).", "");
        JsonObject updated = PublishedDomains.json(
                shop.api().put("/audiences/" + id, audience(marker, "Send me the weekly news (v2).", "")), 200);
        assertThat(updated.getJsonObject("consent").getInt("version")).isEqualTo(2);
        String ann = marker + "@ok.test";

        JsonObject asked = PublishedDomains.json(
                shop.api()
                        .post(
                                "/audiences/" + id + "/subscribers",
                                "{\"address\":\"" + ann.toUpperCase() + "\",\"attributes\":{\"firstName\":\"Ann\"},"
                                        + "\"ip\":\"198.51.100.7\",\"userAgent\":\"ShopBackend/1.0\"}"),
                202);
        assertThat(asked.getString("state")).isEqualTo("pending");
        assertThat(asked.getString("confirmation")).isEqualTo("sent");
        String mail = new String(
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0).data(), StandardCharsets.UTF_8);
        assertThat(mail).contains("Auto-Submitted: auto-generated").contains("DKIM-Signature:");
        String link = link(mail);

        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(link))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(ann).contains("<form method=\"post\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'");
        assertThat(subscriber(id, ann).getString("state")).isEqualTo("pending");

        HttpResponse<String> confirmed = post(link, "confirm=yes", "IT-Browser/1.0");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");

        JsonObject subscriber = subscriber(id, ann);
        assertThat(subscriber.getString("state")).isEqualTo("confirmed");
        assertThat(subscriber.getJsonObject("attributes").getString("firstName"))
                .isEqualTo("Ann");
        JsonObject proof = subscriber.getJsonObject("consent");
        assertThat(proof.getString("source")).isEqualTo("api");
        assertThat(proof.getString("requestedAt")).isNotEmpty();
        assertThat(proof.getJsonObject("requestedFrom").getString("ip")).isEqualTo("198.51.100.7");
        assertThat(proof.getJsonObject("requestedFrom").getString("userAgent")).isEqualTo("ShopBackend/1.0");
        assertThat(proof.getJsonObject("text").getInt("version")).isEqualTo(2);
        assertThat(proof.getJsonObject("text").getString("wording")).isEqualTo("Send me the weekly news (v2).");
        assertThat(Instant.parse(proof.getString("confirmedAt")))
                .isAfterOrEqualTo(Instant.parse(proof.getString("requestedAt")));
        assertThat(proof.getJsonObject("confirmedFrom").getString("ip")).isEqualTo("127.0.0.1");
        assertThat(proof.getJsonObject("confirmedFrom").getString("userAgent")).isEqualTo("IT-Browser/1.0");
        // Asked again once confirmed: nothing is sent, nothing changes.
        JsonObject again = PublishedDomains.json(
                shop.api().post("/audiences/" + id + "/subscribers", "{\"address\":\"" + ann + "\"}"), 202);
        assertThat(again.getString("confirmation")).isEqualTo("not-needed");
        assertThat(again.getString("state")).isEqualTo("confirmed");
    }

    @Test
    void theHostedFormStartsTheSameDoubleOptInAndTheConfirmationRedirects() throws Exception {
        String marker = unique("of");
        String id = createAudience(marker, "Yes, send me offers.", ",\"redirectUrl\":\"https://shop.example/welcome\"");
        String ann = marker + "@ok.test";

        HttpResponse<String> form = HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + "/f/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Yes, send me offers.").doesNotContain("<script");
        Matcher token = FORM_TOKEN.matcher(form.body());
        assertThat(token.find()).isTrue();
        // Without the form's token (another site posting blind), nothing happens.
        assertThat(post(BASE + "/f/" + id, "address=" + ann + "&consent=yes", "IT-Browser/2.0")
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> sent = post(
                BASE + "/f/" + id,
                "token=" + token.group(1) + "&consent=yes&address=" + URLEncoder.encode(ann, StandardCharsets.UTF_8),
                "IT-Browser/2.0");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Check your inbox");
        String link = link(new String(
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0).data(), StandardCharsets.UTF_8));
        assertThat(subscriber(id, ann).getString("state")).isEqualTo("pending");

        HttpResponse<String> confirmed = post(link, "confirm=yes", "IT-Browser/2.0");
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(confirmed.headers().firstValue("Location")).hasValue("https://shop.example/welcome");
        JsonObject proof = subscriber(id, ann).getJsonObject("consent");
        assertThat(proof.getString("source")).isEqualTo("form");
        assertThat(proof.getJsonObject("text").getInt("version")).isEqualTo(1);
        assertThat(proof.getJsonObject("requestedFrom").getString("userAgent")).isEqualTo("IT-Browser/2.0");
        assertThat(proof.getJsonObject("requestedFrom").getString("ip")).isEqualTo("127.0.0.1");
        assertThat(proof.getString("confirmedAt")).isNotEmpty();
    }

    @Test
    void aTamperedLinkIsNotFoundAndConfirmsNobody() throws Exception {
        String marker = unique("ot");
        String id = createAudience(marker, "News, please.", "");
        String ann = marker + "@ok.test";
        PublishedDomains.json(
                shop.api().post("/audiences/" + id + "/subscribers", "{\"address\":\"" + ann + "\"}"), 202);
        String link = link(new String(
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0).data(), StandardCharsets.UTF_8));
        // Asked again at once: no second message.
        assertThat(PublishedDomains.json(
                                shop.api().post("/audiences/" + id + "/subscribers", "{\"address\":\"" + ann + "\"}"),
                                202)
                        .getString("confirmation"))
                .isEqualTo("sent-recently");
        char last = link.charAt(link.length() - 1);
        String tampered = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');

        HttpResponse<String> post = post(tampered, "confirm=yes", "IT");

        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(subscriber(id, ann).getString("state")).isEqualTo("pending");
    }

    @Test
    void anImportKeepsTheTenantsProofAndNamesTheRowsItRefused() throws Exception {
        String id = createAudience(unique("oi"), "Monthly letter.", "");
        String bob = unique("bob") + "@ok.test";
        String eve = unique("eve") + "@ok.test";
        String csv = "address,consented_at,ip,user_agent,consent_text,source,firstName\r\n"
                + bob + ",2026-03-01T09:30:00Z,203.0.113.9,OldBrowser/1,I want the old letter,paper form,Bob\r\n"
                + eve + ",2026-03-02T10:00:00+01:00,,,,,Eve\r\n"
                + "not-an-address,2026-03-02T10:00:00Z,,,,,X\r\n";

        JsonObject imported = PublishedDomains.json(
                shop.api()
                        .send(
                                "POST",
                                "/audiences/" + id + "/subscribers/import",
                                Optional.of(csv),
                                "Content-Type",
                                "text/csv"),
                200);

        assertThat(imported.getInt("rows")).isEqualTo(3);
        assertThat(imported.getInt("added")).isEqualTo(2);
        assertThat(imported.getInt("invalid")).isEqualTo(1);
        assertThat(imported.getJsonArray("errors").getJsonObject(0).getInt("row"))
                .isEqualTo(3);
        JsonObject bobs = subscriber(id, bob);
        assertThat(bobs.getString("state")).isEqualTo("confirmed");
        assertThat(bobs.getJsonObject("attributes").getString("firstName")).isEqualTo("Bob");
        JsonObject proof = bobs.getJsonObject("consent");
        assertThat(proof.getString("source")).isEqualTo("import");
        assertThat(proof.getString("confirmedAt")).isEqualTo("2026-03-01T09:30:00Z");
        assertThat(proof.getString("origin")).isEqualTo("paper form");
        assertThat(proof.getJsonObject("requestedFrom").getString("ip")).isEqualTo("203.0.113.9");
        assertThat(proof.getJsonObject("text").getInt("version")).isZero();
        assertThat(proof.getJsonObject("text").getString("wording")).isEqualTo("I want the old letter");
        assertThat(subscriber(id, eve)
                        .getJsonObject("consent")
                        .getJsonObject("text")
                        .getInt("version"))
                .isEqualTo(1);
        JsonObject listed =
                PublishedDomains.json(shop.api().get("/audiences/" + id + "/subscribers?state=confirmed"), 200);
        assertThat(listed.getJsonArray("subscribers").getValuesAs(JsonValue::asJsonObject))
                .extracting(s -> s.getString("address"))
                .containsExactlyInAnyOrder(bob, eve);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndAnotherTenantSeesNothing() throws Exception {
        String marker = unique("ox");
        HttpResponse<String> foreign = shop.api()
                .post(
                        "/audiences",
                        "{\"name\":\"x\",\"consentText\":\"ok\",\"from\":\"news@elsewhere.example\","
                                + "\"subject\":\"s\",\"text\":\"no link here\"}");
        JsonObject problem = PublishedDomains.json(foreign, 400);
        assertThat(problem.getJsonArray("invalid-params").getValuesAs(JsonValue::asJsonObject))
                .extracting(p -> p.getString("name"))
                .contains("from");
        JsonObject noLink = PublishedDomains.json(
                shop.api()
                        .post(
                                "/audiences",
                                "{\"name\":\"x\",\"consentText\":\"ok\",\"from\":\"" + shop.from()
                                        + "\",\"subject\":\"s\",\"text\":\"no link here\"}"),
                400);
        assertThat(noLink.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("text");

        String id = createAudience(marker, "Only mine.", "");
        ApiSender stranger = ApiSender.create("optin-stranger");
        assertThat(stranger.api().get("/audiences/" + id).statusCode()).isEqualTo(404);
        assertThat(PublishedDomains.json(stranger.api().get("/audiences"), 200).getJsonArray("audiences"))
                .isEmpty();
        assertThat(stranger.api().get("/audiences/" + id + "/subscribers").statusCode())
                .isEqualTo(404);
        assertThat(stranger.api()
                        .post("/audiences/" + id + "/subscribers", "{\"address\":\"" + marker + "@ok.test\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private static String createAudience(String marker, String consent, String extra) throws Exception {
        return PublishedDomains.json(shop.api().post("/audiences", audience(marker, consent, extra)), 201)
                .getString("id");
    }

    private static String audience(String marker, String consent, String extra) {
        return "{\"name\":\"News " + marker + "\",\"consentText\":\"" + consent + "\",\"from\":\"" + shop.from()
                + "\",\"subject\":\"Please confirm " + marker + "\",\"text\":\"Confirm here: {{confirm_url}}\","
                + "\"html\":\"<p><a href=\\\"{{confirm_url}}\\\">Confirm</a></p>\"" + extra + "}";
    }

    private static JsonObject subscriber(String audience, String address) throws Exception {
        return PublishedDomains.json(shop.api().get("/audiences/" + audience + "/subscribers/" + address), 200);
    }

    private static HttpResponse<String> post(String url, String form, String agent) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("User-Agent", agent)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String link(String mail) {
        Matcher link = CONFIRM_LINK.matcher(mail);
        assertThat(link.find()).as(mail).isTrue();
        return link.group(1);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

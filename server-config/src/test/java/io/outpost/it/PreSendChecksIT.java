package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.outpost.relay.testing.Spamd;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pre-send checks against the real server: a real spamd (Debian's, local tests only, on the port the server was
 * configured with), a web server on 127.0.0.1 for the links, and the test DNS server for the From domain's records.
 */
class PreSendChecksIT {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static HttpServer web;
    private static String site;
    private static ApiSender shop;

    @BeforeAll
    static void serversAndATenant() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        Spamd.shared(Integer.getInteger("it.spamd.port", 20783));
        web = startWebServer();
        site = "http://127.0.0.1:" + web.getAddress().getPort();
        shop = ApiSender.create("checks");
        publishDmarc(shop.domain(), "v=DMARC1; p=reject");
    }

    @AfterAll
    static void stopWebServer() {
        if (web != null) {
            web.stop(0);
        }
    }

    /** A site whose pages and images answer 200, except under /missing (404). */
    static HttpServer startWebServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/missing") ? 404 : 200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The tenant's own DMARC record in place of the starting p=none one the domain's records suggest. */
    static void publishDmarc(String domain, String record) {
        TestNetwork.DNS.remove("_dmarc." + domain + ".", "TXT");
        TestNetwork.DNS.add("_dmarc." + domain + ". 60 IN TXT \"" + record + "\"");
    }

    /** A newsletter that should pass: text beside its one image, an unsubscribe link, a postal address. */
    static String cleanHtml(String site) {
        return "<h1>Autumn books</h1><p>Hello {{firstName}}, this week we have new novels and essays in the shop."
                + " Our booksellers picked twelve titles for long evenings, from a thriller set in Lisbon to a quiet"
                + " memoir about a garden. Read the reviews on <a href='" + site + "/books'>our site</a>, where you"
                + " can also reserve a copy to collect.</p><img src='" + site + "/cover.png' alt='The book covers'>"
                + "<p>Shop Ltd, 10 High Street, London SW1A 1AA</p>"
                + "<p><a href='" + site + "/preferences'>Unsubscribe</a></p>";
    }

    /** A message SpamAssassin scores 1000, with a link to a page that does not exist. */
    static String failingHtml(String site) {
        return "<p>" + GTUBE + "</p><p><a href='" + site + "/missing/offer'>Our offer</a></p>";
    }

    private static void saveTemplate(ApiClient api, String name, String html, String text) throws Exception {
        PublishedDomains.json(
                api.put(
                        "/templates/" + name,
                        "{\"subject\":\"Autumn books\",\"html\":" + jsonString(html) + ",\"text\":" + jsonString(text)
                                + "}"),
                201);
    }

    static String jsonString(String value) {
        return jakarta.json.Json.createValue(value).toString();
    }

    private static Map<String, JsonObject> checks(JsonObject report) {
        return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(check -> check.getString("id"), check -> check));
    }

    private static HttpResponse<String> run(ApiClient api, String template, String stream) throws Exception {
        return api.post(
                "/templates/" + template + "/checks",
                "{\"from\":\"" + shop.from() + "\",\"stream\":\"" + stream + "\",\"data\":{\"firstName\":\"Ann\"}}");
    }

    @Test
    void spamAndABrokenLinkFailWithWhyAndHowToFixThem() throws Exception {
        String template = "failing-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(shop.api(), template, failingHtml(site), GTUBE);

        JsonObject report = PublishedDomains.json(run(shop.api(), template, "bulk"), 200);

        assertThat(report.getBoolean("blocksSending")).isTrue();
        Map<String, JsonObject> checks = checks(report);
        JsonObject spam = checks.get("spamassassin");
        assertThat(spam.getString("verdict")).isEqualTo("fail");
        assertThat(spam.getString("why")).contains("GTUBE (+1000.0)");
        assertThat(spam.getString("fix")).isNotEmpty();
        JsonObject links = checks.get("links");
        assertThat(links.getString("verdict")).isEqualTo("fail");
        assertThat(links.getString("why")).contains(site + "/missing/offer (HTTP 404)");
        assertThat(links.getString("fix")).isNotEmpty();
        assertThat(checks.get("unsubscribe-link").getString("verdict")).isEqualTo("fail");
        assertThat(checks.get("postal-address").getString("verdict")).isEqualTo("warn");
    }

    @Test
    void aCleanNewsletterPassesTheChecksOfItsContentAndAuthentication() throws Exception {
        String template = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(
                shop.api(),
                template,
                cleanHtml(site),
                "Hello {{firstName}}, this week we have new novels and essays. Shop Ltd, 10 High Street, London."
                        + " Unsubscribe: " + site + "/preferences");

        JsonObject report = PublishedDomains.json(run(shop.api(), template, "bulk"), 200);

        Map<String, JsonObject> checks = checks(report);
        assertThat(report.getBoolean("blocksSending")).as(report.toString()).isFalse();
        for (String passing : List.of(
                "authentication", "unsubscribe-link", "postal-address", "size", "image-text-ratio", "spamassassin")) {
            assertThat(checks.get(passing).getString("verdict"))
                    .as(checks.get(passing).toString())
                    .isEqualTo("pass");
        }
        // The test site is plain http and the test server's links too: they work, with a warning about http.
        assertThat(checks.get("links").getString("why")).startsWith("3 of 3 work.");
        assertThat(checks.get("one-click-unsubscribe").getString("why")).contains("RFC 8058 §3.1 asks for HTTPS");
        assertThat(checks.get("authentication").getString("why"))
                .contains("DKIM signed by " + shop.domain() + " (aligned)")
                .contains("DMARC p=reject");
    }

    @Test
    void transactionalMailIsNotHeldToTheBulkRules() throws Exception {
        String template = "receipt-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(shop.api(), template, "<p>Your receipt for order 1.</p>", "Your receipt for order 1.");

        Map<String, JsonObject> checks = checks(PublishedDomains.json(run(shop.api(), template, "transactional"), 200));

        assertThat(checks.get("unsubscribe-link").getString("why")).startsWith("Not applicable");
        assertThat(checks.get("bulk-sender-rules").getString("verdict")).isEqualTo("pass");
    }

    @Test
    void anotherTenantCannotRunTheChecksOnThisTenantsTemplate() throws Exception {
        String template = "private-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(shop.api(), template, "<p>Hello</p>", "Hello");
        ApiSender other = ApiSender.create("checks-other");

        assertThat(run(other.api(), template, "bulk").statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        String template = "input-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(shop.api(), template, "<p>Hello</p>", "Hello");

        HttpResponse<String> response = run(shop.api(), template, "newsletter");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = PublishedDomains.json(response, 400);
        assertThat(problem.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("stream");
        HttpResponse<String> noFrom = shop.api().post("/templates/" + template + "/checks", "{\"stream\":\"bulk\"}");
        assertThat(PublishedDomains.json(noFrom, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("from");
    }

    @Test
    void aViewerMayNotRunTheChecks() throws Exception {
        String template = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        saveTemplate(shop.api(), template, "<p>Hello</p>", "Hello");
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String token = PublishedDomains.json(
                        ApiClient.admin()
                                .post(
                                        "/admin/tenants/" + shop.id() + "/users",
                                        "{\"email\":\"" + viewer + "\",\"role\":\"viewer\"}"),
                        201)
                .getJsonObject("invitation")
                .getString("token");
        String password = "correct horse battery";
        PublishedDomains.json(
                ApiClient.anonymous()
                        .post("/invitations", "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}"),
                200);
        HttpResponse<String> signedIn = ApiClient.anonymous()
                .post(
                        "/session",
                        "{\"tenant\":\"" + shop.id() + "\",\"email\":\"" + viewer + "\",\"password\":\"" + password
                                + "\"}");
        String csrf = PublishedDomains.json(signedIn, 200).getString("csrfToken");
        String cookie =
                signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> refused = ApiClient.anonymous()
                .send(
                        "POST",
                        "/templates/" + template + "/checks",
                        Optional.of("{\"from\":\"" + shop.from() + "\",\"stream\":\"bulk\"}"),
                        "Cookie",
                        cookie,
                        "X-CSRF-Token",
                        csrf,
                        "Content-Type",
                        "application/json");

        assertThat(PublishedDomains.json(refused, 403).getString("detail")).contains("viewer");
    }

    @Test
    void theOpenApiDocumentDescribesTheChecks() throws Exception {
        HttpResponse<String> document = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT + "/openapi?format=json"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/v1/templates/{name}/checks");
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API in the real server, and what its tenants and credentials do to SMTP: a credential created over REST
 * authenticates over STARTTLS on the real SMTP port, is bound to its tenant's domains, and stops working when revoked.
 */
class AdminApiIT {

    private static final String BASE = "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT + "/api/v1/admin";
    private static final String ADMIN = System.getProperty("it.admin.user");
    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SSLContext trustingTheServer;

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        trustingTheServer = OutpostUnderTest.trustingTheServer();
    }

    @Test
    void refusesTheAdminApiWithoutCredentials() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(BASE + "/tenants")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Basic").contains("outpost-admin"));
    }

    @Test
    void refusesTheAdminApiWithAWrongPassword() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(BASE + "/tenants"))
                .header("Authorization", basic(ADMIN, "wrong-password"))
                .GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void listsTenantsForTheBootstrapAdmin() throws Exception {
        HttpResponse<String> response = admin("GET", "/tenants", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"it-tenant\"").contains("\"ok.test\"");
    }

    @Test
    void reportsAnInvalidTenantDomainAsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = admin(
                "POST",
                "/tenants",
                "{\"id\":\"" + unique("bad") + "\",\"name\":\"Bad\",\"domains\":[\"ok.test\",\"not a domain\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"type\":\"urn:outpost:problem:validation\"")
                .contains("\"status\":400")
                .contains("\"name\":\"domains[1]\"");
    }

    @Test
    void answersMalformedJsonWithAProblemNotAStackTrace() throws Exception {
        HttpResponse<String> response = admin("POST", "/tenants", "{\"id\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("urn:outpost:problem:malformed-json")
                .doesNotContain("Exception");
    }

    @Test
    void refusesADuplicateTenantWithAConflict() throws Exception {
        String body = "{\"id\":\"it-tenant\",\"name\":\"Again\",\"domains\":[\"ok.test\"]}";

        HttpResponse<String> response = admin("POST", "/tenants", body);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("urn:outpost:problem:conflict").contains("\"name\":\"id\"");
    }

    @Test
    void aCredentialCreatedOverRestAuthenticatesAndSendsOnlyFromItsDomains() throws Exception {
        String tenant = createTenant("shop.test");
        HttpResponse<String> created =
                admin("POST", "/tenants/" + tenant + "/smtp-credentials", "{\"recipientsPerMessage\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        String username = field(created.body(), "username");
        String password = field(created.body(), "password");

        try (SmtpTestClient client = startTls()) {
            assertThat(client.command("AUTH PLAIN " + plain(username, password)))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(client.command("MAIL FROM:<ceo@bank.test>"))
                    .isEqualTo("550 5.7.1 Sender address <ceo@bank.test> is not a sending domain of your account");
            assertThat(client.command("MAIL FROM:<orders@eu.shop.test>")).startsWith("250");
        }

        HttpResponse<String> list = admin("GET", "/tenants/" + tenant + "/smtp-credentials", null);
        assertThat(list.body())
                .contains("\"username\":\"" + username + "\"")
                .doesNotContain(password)
                .doesNotContain("PBKDF2");
        assertThat(lastUsedIsRecorded(tenant))
                .as("lastUsedAt recorded after AUTH")
                .isTrue();
    }

    // The store records the use asynchronously, so AUTH does not wait for it.
    private static boolean lastUsedIsRecorded(String tenant) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String body = admin("GET", "/tenants/" + tenant + "/smtp-credentials", null)
                    .body();
            if (body.matches("(?s).*\"lastUsedAt\":\"20.*")) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void aRevokedCredentialIsRefused() throws Exception {
        String tenant = createTenant("revoked.test");
        HttpResponse<String> created = admin("POST", "/tenants/" + tenant + "/smtp-credentials", "{}");
        String username = field(created.body(), "username");
        String password = field(created.body(), "password");

        HttpResponse<String> revoked = admin("DELETE", "/tenants/" + tenant + "/smtp-credentials/" + username, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"revoked\":true");

        try (SmtpTestClient client = startTls()) {
            assertThat(client.command("AUTH PLAIN " + plain(username, password)))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void theBootstrapUserAndTheHtpasswdUserSendFromTheBootstrapTenantsDomain() throws Exception {
        try (SmtpTestClient client = startTls()) {
            assertThat(client.command("AUTH PLAIN " + plain("it-demo", System.getProperty("it.demo.password"))))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(client.command("MAIL FROM:<demo@ok.test>")).startsWith("250");
        }
        try (SmtpTestClient client = startTls()) {
            assertThat(client.command("AUTH PLAIN " + plain("alice", "wonderland-test-password")))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(client.command("MAIL FROM:<alice@elsewhere.test>")).startsWith("550 5.7.1");
        }
    }

    @Test
    void createsListsAndRevokesApiKeysShowingTheKeyOnlyOnce() throws Exception {
        String tenant = createTenant("keys.test");
        HttpResponse<String> created = admin("POST", "/tenants/" + tenant + "/api-keys", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String keyId = field(created.body(), "keyId");
        String key = field(created.body(), "key");
        assertThat(key).startsWith(keyId + ".");

        assertThat(admin("GET", "/tenants/" + tenant + "/api-keys", null).body())
                .contains(keyId)
                .doesNotContain(key);
        assertThat(admin("DELETE", "/tenants/" + tenant + "/api-keys/" + keyId, null)
                        .body())
                .contains("\"revoked\":true");
    }

    @Test
    void showsTheAuthThrottle() throws Exception {
        HttpResponse<String> response = admin("GET", "/auth-throttle", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }

    @Test
    void anUnknownTenantIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = admin("GET", "/tenants/no-such-tenant", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("urn:outpost:problem:not-found");
    }

    private static String createTenant(String domain) throws Exception {
        String id = unique("it");
        HttpResponse<String> response = admin(
                "POST",
                "/tenants",
                "{\"id\":\"" + id + "\",\"name\":\"IT " + id + "\",\"domains\":[\"" + domain + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private static SmtpTestClient startTls() throws IOException {
        SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT);
        client.reply();
        client.command("EHLO client.test");
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        client.startTls(trustingTheServer);
        client.command("EHLO client.test");
        return client;
    }

    private static HttpResponse<String> admin(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}

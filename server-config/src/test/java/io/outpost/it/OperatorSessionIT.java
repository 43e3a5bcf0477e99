package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's sign-in to the web UI against the real server: the admin API's own account and password, failures
 * throttled as every login, a cookie no script can read that opens the admin API and nothing else, the CSRF token on
 * every change, and signing out ending it; a tenant user's cookie never opens the admin API.
 */
class OperatorSessionIT {

    // Not 127.0.0.1, which the other ITs use and the throttle never blocks; not HttpLoginThrottleIT's addresses.
    private static final String GUESSER = "127.0.0.5";
    private static final int PAIR_BLOCK_AFTER = 5;

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void signsInWithTheAdminAccountInACookieThatOpensOnlyTheAdminApi() throws Exception {
        String admin = System.getProperty("it.admin.user");
        assertThat(PublishedDomains.json(OperatorCookie.signIn(admin, "wrong password"), 401)
                        .getString("type"))
                .isEqualTo("urn:outpost:problem:unauthorized");
        assertThat(PublishedDomains.json(
                                ApiClient.anonymous().post("/operator-session", "{\"user\":\"" + admin + "\"}"), 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("password");
        HttpResponse<String> signedIn = OperatorCookie.signIn(admin, System.getProperty("it.admin.password"));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(OperatorCookie.NAME + "=")
                .contains("Path=/")
                .contains("HttpOnly")
                .contains("Secure")
                .contains("SameSite=Strict");
        assertThat(signedIn.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        OperatorCookie operator = OperatorCookie.signedIn();
        assertThat(PublishedDomains.json(operator.get("/operator-session"), 200).getString("user"))
                .isEqualTo(admin);
        assertThat(operator.get("/admin/tenants").statusCode()).isEqualTo(200);
        assertThat(operator.get("/admin/queue").statusCode()).isEqualTo(200);
        // Never on the tenant API: the cookie is the admin API's only.
        assertThat(operator.get("/messages").statusCode()).isEqualTo(401);
        assertThat(operator.get("/stats").statusCode()).isEqualTo(401);

        String tenant = "op-csrf-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\":\"" + tenant + "\",\"name\":\"CSRF\",\"domains\":[]}";
        HttpResponse<String> withoutToken = operator.send("POST", "/admin/tenants", Optional.of(body), false);
        assertThat(PublishedDomains.json(withoutToken, 403).getString("detail")).contains("X-CSRF-Token");
        assertThat(ApiClient.admin().get("/admin/tenants/" + tenant).statusCode())
                .isEqualTo(404);
        assertThat(operator.send("POST", "/admin/tenants", Optional.of(body), true)
                        .statusCode())
                .isEqualTo(201);
        assertThat(operator.send("DELETE", "/operator-session", Optional.empty(), false)
                        .statusCode())
                .isEqualTo(403);

        assertThat(operator.send("DELETE", "/operator-session", Optional.empty(), true)
                        .statusCode())
                .isEqualTo(204);
        assertThat(operator.get("/admin/tenants").statusCode()).isEqualTo(401);
        assertThat(operator.get("/operator-session").statusCode()).isEqualTo(401);
    }

    @Test
    void aTenantUsersCookieNeverOpensTheAdminApi() throws Exception {
        ApiSender shop = ApiSender.create("op-tenant");
        UiSessionIT.Session user = UiSessionIT.invitedAndSignedIn(
                shop, "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test", "owner");
        assertThat(user.get("/messages?limit=1").statusCode()).isEqualTo(200);
        assertThat(user.get("/admin/tenants").statusCode()).isEqualTo(401);
        assertThat(user.get("/admin/queue").statusCode()).isEqualTo(401);
        assertThat(user.post("/admin/queue/destinations/ok.test/hold", "{}").statusCode())
                .isEqualTo(401);
        // Nor does the tenant's cookie under the operator's name.
        OperatorCookie forged = new OperatorCookie(user.cookie(), user.csrf());
        assertThat(forged.get("/admin/tenants").statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserSignedInAsATenantViewerTooSignsTheOperatorInAndOut() throws Exception {
        ApiSender shop = ApiSender.create("op-both");
        UiSessionIT.Session viewer = UiSessionIT.invitedAndSignedIn(
                shop, "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test", "viewer");
        String both = "__Host-outpost-session=" + viewer.cookie();

        HttpResponse<String> signedIn = ApiClient.anonymous()
                .send(
                        "POST",
                        "/operator-session",
                        Optional.of("{\"user\":\"" + System.getProperty("it.admin.user") + "\",\"password\":\""
                                + System.getProperty("it.admin.password") + "\"}"),
                        "Cookie",
                        both,
                        "Content-Type",
                        "application/json");
        // Neither the viewer's role nor the viewer's CSRF token is asked of the operator's sign-in.
        String csrf = PublishedDomains.json(signedIn, 200).getString("csrfToken");
        String operator = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String operatorCookie = operator.substring(0, operator.indexOf(';'));

        HttpResponse<String> signedOut = ApiClient.anonymous()
                .send(
                        "DELETE",
                        "/operator-session",
                        Optional.empty(),
                        "Cookie",
                        both + "; " + operatorCookie,
                        "X-CSRF-Token",
                        csrf);
        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(ApiClient.anonymous()
                        .send("GET", "/admin/tenants", Optional.empty(), "Cookie", operatorCookie)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void throttlesFailedSignInsLikeEveryLogin() throws Exception {
        String admin = System.getProperty("it.admin.user");
        for (int i = 0; i < PAIR_BLOCK_AFTER; i++) {
            assertThat(statusLine(admin, "wrong-" + i)).as("guess " + i).contains(" 401 ");
        }
        assertThat(statusLine(admin, System.getProperty("it.admin.password")))
                .as("the right password from the guessing address")
                .contains(" 429 ");
        assertThat(OperatorCookie.signIn(admin, System.getProperty("it.admin.password"))
                        .statusCode())
                .as("the right password from another address")
                .isEqualTo(200);
        assertThat(ApiClient.admin().get("/admin/auth-throttle").body())
                .contains("\"kind\":\"ADDRESS_AND_NAME\",\"address\":\"" + GUESSER + "\",\"name\":\"" + admin + "\"");
    }

    /** A sign-in from {@code GUESSER}; its status line. */
    private static String statusLine(String user, String password) throws IOException {
        return FromAddress.statusLine(
                GUESSER,
                "POST /api/v1/operator-session HTTP/1.1\r\nContent-Type: application/json",
                ("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's users of the web UI against the real server: invited by the operator and by an owner, an invitation
 * accepted once, signed in with a cookie no script can read, every change needing the session's CSRF token, each role
 * held to what it may do, another tenant's data out of reach, and signing out ending the session.
 */
class UiSessionIT {

    private static final Pattern COOKIE = Pattern.compile("__Host-outpost-session=([^;]*);");
    private static final String PASSWORD = "correct horse battery";

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    /** A browser's session: its cookie and the CSRF token the sign-in gave it. */
    record Session(String cookie, String csrf) {

        HttpResponse<String> send(String method, String path, Optional<String> json, boolean withCsrf)
                throws Exception {
            List<String> headers = new ArrayList<>(List.of("Cookie", "__Host-outpost-session=" + cookie));
            if (withCsrf) {
                headers.addAll(List.of("X-CSRF-Token", csrf));
            }
            if (json.isPresent()) {
                headers.addAll(List.of("Content-Type", "application/json"));
            }
            return ApiClient.anonymous().send(method, path, json, headers.toArray(String[]::new));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send("GET", path, Optional.empty(), false);
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send("POST", path, Optional.of(json), true);
        }
    }

    @Test
    void anInvitedOwnerSignsInWithACookieAndEveryChangeNeedsTheCsrfToken() throws Exception {
        ApiSender shop = ApiSender.create("ui-owner");
        String owner = unique("owner") + "@shop.test";

        String token = invitationToken(ApiClient.admin()
                .post("/admin/tenants/" + shop.id() + "/users", "{\"email\":\"" + owner + "\",\"role\":\"owner\"}"));
        assertThat(field(accept(token, "short"), 400)).isEqualTo("password");
        assertThat(PublishedDomains.json(accept(token, PASSWORD), 200).getString("role"))
                .isEqualTo("owner");
        assertThat(accept(token, PASSWORD).statusCode()).isEqualTo(404);
        assertThat(ApiClient.admin()
                        .post(
                                "/admin/tenants/" + shop.id() + "/users",
                                "{\"email\":\"" + owner + "\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(409);

        assertThat(signIn(shop, owner, "wrong password!!").statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = signIn(shop, owner, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
        Session session = session(signedIn);

        assertThat(PublishedDomains.json(session.get("/tenant"), 200).getString("id"))
                .isEqualTo(shop.id());
        assertThat(PublishedDomains.json(session.get("/session"), 200)
                        .getJsonObject("user")
                        .getString("email"))
                .isEqualTo(owner);
        String add = "{\"address\":\"" + unique("ann") + "@ok.test\"}";
        assertThat(session.send("POST", "/suppressions", Optional.of(add), false)
                        .statusCode())
                .isEqualTo(403);
        assertThat(session.post("/suppressions", add).statusCode()).isEqualTo(201);

        // Another tenant's message is as unknown to this session as to this tenant's keys.
        ApiSender other = ApiSender.create("ui-other");
        String theirs = other.send(unique("theirs"));
        assertThat(session.get("/messages/" + theirs).statusCode()).isEqualTo(404);
        assertThat(session.get("/admin/tenants").statusCode()).isEqualTo(401);

        assertThat(session.send("DELETE", "/session", Optional.empty(), true).statusCode())
                .isEqualTo(204);
        assertThat(session.get("/tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void anOwnerInvitesAViewerWhoReadsButCannotSendNorManageUsers() throws Exception {
        ApiSender shop = ApiSender.create("ui-roles");
        String owner = unique("owner") + "@shop.test";
        Session owners = invitedAndSignedIn(shop, owner, "owner");
        String viewer = unique("viewer") + "@shop.test";
        HttpResponse<String> invited = owners.post("/users", "{\"email\":\"" + viewer + "\",\"role\":\"viewer\"}");
        assertThat(PublishedDomains.json(invited, 201).getString("invitedBy")).isEqualTo("user:" + owner);
        assertThat(field(owners.post("/users", "{\"email\":\"" + viewer + "x\",\"role\":\"boss\"}"), 400))
                .isIn("email", "role");
        accept(invitationToken(invited), PASSWORD);
        Session viewers = session(signIn(shop, viewer, PASSWORD));

        String sent = shop.send(unique("seen"));
        assertThat(viewers.get("/messages/" + sent).statusCode()).isEqualTo(200);
        HttpResponse<String> send = viewers.post(
                "/messages",
                "{\"from\":\"" + shop.from() + "\",\"to\":[\"x@ok.test\"],\"subject\":\"no\",\"text\":\"no\"}");
        assertThat(PublishedDomains.json(send, 403).getString("detail")).contains("viewer");
        assertThat(viewers.get("/users").statusCode()).isEqualTo(403);
        assertThat(PublishedDomains.json(owners.get("/users"), 200)
                        .getJsonArray("users")
                        .size())
                .isEqualTo(2);

        // Removed by the owner: the viewer's session ends with it.
        assertThat(owners.send("DELETE", "/users/" + viewer, Optional.empty(), true)
                        .statusCode())
                .isEqualTo(204);
        assertThat(viewers.get("/tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void aSenderSendsButNeitherManagesUsersNorWebhooksHoweverThePathIsWritten() throws Exception {
        ApiSender shop = ApiSender.create("ui-sender");
        String sender = unique("sender") + "@shop.test";
        Session senders = invitedAndSignedIn(shop, sender, "sender");

        HttpResponse<String> sent = senders.post(
                "/messages",
                "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + unique("to") + "@ok.test\"],\"subject\":\"hi\","
                        + "\"text\":\"hi\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String invite = "{\"email\":\"" + unique("mate") + "@shop.test\",\"role\":\"owner\"}";
        assertThat(senders.post("/users", invite).statusCode()).isEqualTo(403);
        // JAX-RS drops matrix parameters when it matches a path: the role is judged on the resource it matched.
        assertThat(senders.post("/users;x=y", invite).statusCode()).isEqualTo(403);
        assertThat(senders.get("/webhooks").statusCode()).isEqualTo(403);

        // The same address is a user of another tenant apart, invited there without a word about this one.
        ApiSender other = ApiSender.create("ui-sender-other");
        assertThat(ApiClient.admin()
                        .post(
                                "/admin/tenants/" + other.id() + "/users",
                                "{\"email\":\"" + sender + "\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(signIn(other, sender, PASSWORD).statusCode()).isEqualTo(401);
    }

    // Invited by the operator with the role, the invitation accepted, signed in.
    static Session invitedAndSignedIn(ApiSender tenant, String email, String role) throws Exception {
        accept(
                invitationToken(ApiClient.admin()
                        .post(
                                "/admin/tenants/" + tenant.id() + "/users",
                                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}")),
                PASSWORD);
        return session(signIn(tenant, email, PASSWORD));
    }

    private static HttpResponse<String> accept(String token, String password) throws Exception {
        return ApiClient.anonymous()
                .post("/invitations", "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
    }

    private static HttpResponse<String> signIn(ApiSender tenant, String email, String password) throws Exception {
        return ApiClient.anonymous()
                .post(
                        "/session",
                        "{\"tenant\":\"" + tenant.id() + "\",\"email\":\"" + email + "\",\"password\":\"" + password
                                + "\"}");
    }

    private static Session session(HttpResponse<String> signedIn) {
        Matcher cookie =
                COOKIE.matcher(signedIn.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.find()).isTrue();
        return new Session(cookie.group(1), PublishedDomains.json(signedIn, 200).getString("csrfToken"));
    }

    private static String invitationToken(HttpResponse<String> invited) {
        JsonObject invitation = PublishedDomains.json(invited, 201).getJsonObject("invitation");
        assertThat(invitation.getString("url")).contains("/ui/#/invitation/");
        return invitation.getString("token");
    }

    private static String field(HttpResponse<String> response, int status) {
        return PublishedDomains.json(response, status)
                .getJsonArray("invalid-params")
                .getJsonObject(0)
                .getString("name");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.it.UiSessionIT.Session;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's owners keep their own SMTP credentials and API keys ({@code /api/v1/smtp-credentials}, {@code
 * /api/v1/api-keys}) in the real server: a secret shown once and never listed, a new key that sends, a revoked one
 * refused, senders and viewers kept out, another tenant's out of reach, bad input named.
 */
class TenantKeysIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void anOwnersNewKeyIsShownOnceSendsAndOnceRevokedIsRefused() throws Exception {
        ApiSender shop = ApiSender.create("keys-owner");
        Session owner = UiSessionIT.invitedAndSignedIn(shop, unique("owner") + "@shop.test", "owner");

        HttpResponse<String> created = owner.post("/api-keys", "{\"messagesPerHour\":100}");
        JsonObject key = PublishedDomains.json(created, 201);
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String secret = key.getString("key");
        String keyId = key.getString("keyId");
        assertThat(secret).startsWith(keyId + ".");
        assertThat(key.getInt("messagesPerHour")).isEqualTo(100);

        HttpResponse<String> listed = owner.get("/api-keys");
        assertThat(listed.body()).contains(keyId).doesNotContain(secret.substring(keyId.length() + 1));
        assertThat(listedKey(listed, keyId).containsKey("key")).isFalse();

        ApiClient newKey = ApiClient.bearer(secret);
        HttpResponse<String> sent = newKey.post(
                "/messages",
                "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + unique("to") + "@ok.test\"],\"subject\":\"new key\","
                        + "\"text\":\"hi\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        HttpResponse<String> revoked = owner.send("DELETE", "/api-keys/" + keyId, Optional.empty(), true);
        assertThat(PublishedDomains.json(revoked, 200).getBoolean("revoked")).isTrue();
        assertThat(newKey.get("/tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void anOwnersSmtpCredentialShowsItsPasswordOnceAndIsListedRevoked() throws Exception {
        ApiSender shop = ApiSender.create("keys-smtp");
        Session owner = UiSessionIT.invitedAndSignedIn(shop, unique("owner") + "@shop.test", "owner");
        String username = unique("smtp");

        HttpResponse<String> created = owner.post("/smtp-credentials", "{\"username\":\"" + username + "\"}");
        String password = PublishedDomains.json(created, 201).getString("password");
        assertThat(password).isNotBlank();
        assertThat(owner.get("/smtp-credentials").body()).contains(username).doesNotContain(password);
        assertThat(owner.post("/smtp-credentials", "{\"username\":\"" + username + "\"}")
                        .statusCode())
                .isEqualTo(409);

        owner.send("DELETE", "/smtp-credentials/" + username, Optional.empty(), true);
        JsonObject listed = array(owner.get("/smtp-credentials")).getJsonObject(0);
        assertThat(listed.getString("username")).isEqualTo(username);
        assertThat(listed.getBoolean("revoked")).isTrue();
    }

    @Test
    void sendersAndViewersNeitherSeeNorMakeKeys() throws Exception {
        ApiSender shop = ApiSender.create("keys-roles");
        for (String role : new String[] {"sender", "viewer"}) {
            Session user = UiSessionIT.invitedAndSignedIn(shop, unique(role) + "@shop.test", role);
            assertThat(user.get("/api-keys").statusCode()).as(role).isEqualTo(403);
            assertThat(user.post("/api-keys", "{}").statusCode()).as(role).isEqualTo(403);
            assertThat(user.get("/smtp-credentials").statusCode()).as(role).isEqualTo(403);
            assertThat(user.post("/smtp-credentials", "{}").statusCode())
                    .as(role)
                    .isEqualTo(403);
        }
    }

    @Test
    void anotherTenantsKeysAndCredentialsAreNotFound() throws Exception {
        ApiSender shop = ApiSender.create("keys-ours");
        ApiSender bank = ApiSender.create("keys-theirs");
        String theirKey =
                PublishedDomains.json(bank.api().post("/api-keys", "{}"), 201).getString("keyId");
        String theirUser = unique("theirs");
        assertThat(bank.api()
                        .post("/smtp-credentials", "{\"username\":\"" + theirUser + "\"}")
                        .statusCode())
                .isEqualTo(201);

        assertThat(shop.api().delete("/api-keys/" + theirKey).statusCode()).isEqualTo(404);
        assertThat(shop.api().delete("/smtp-credentials/" + theirUser).statusCode())
                .isEqualTo(404);
        assertThat(shop.api().get("/api-keys").body()).doesNotContain(theirKey);
        assertThat(shop.api().get("/smtp-credentials").body()).doesNotContain(theirUser);
        assertThat(listedKey(bank.api().get("/api-keys"), theirKey).getBoolean("revoked"))
                .isFalse();
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        ApiSender shop = ApiSender.create("keys-bad");
        assertThat(invalidField(shop.api().post("/api-keys", "{\"messagesPerHour\":-1}")))
                .isEqualTo("messagesPerHour");
        assertThat(invalidField(shop.api().post("/api-keys", "{\"stream\":\"loud\"}")))
                .isEqualTo("stream");
        assertThat(invalidField(shop.api().post("/smtp-credentials", "{\"username\":\"no spaces please\"}")))
                .isEqualTo("username");
        assertThat(invalidField(shop.api().post("/smtp-credentials", "{\"recipientsPerMessage\":0}")))
                .isEqualTo("recipientsPerMessage");
    }

    private static String invalidField(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return PublishedDomains.json(response, 400)
                .getJsonArray("invalid-params")
                .getJsonObject(0)
                .getString("name");
    }

    private static JsonObject listedKey(HttpResponse<String> list, String keyId) {
        return array(list).stream()
                .map(JsonObject.class::cast)
                .filter(k -> k.getString("keyId").equals(keyId))
                .findFirst()
                .orElseThrow();
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

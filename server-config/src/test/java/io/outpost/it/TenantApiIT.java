package io.outpost.it;

import static io.outpost.it.ApiClient.stringMember;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant API in the real server: a tenant authenticates with an API key created through the admin API as a Bearer
 * token and sees its own account, and only its own; wrong, malformed and revoked keys get 401, and each role is kept
 * out of the other's API with 403.
 */
class TenantApiIT {

    private static final ApiClient ADMIN = ApiClient.admin();

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void aTenantsKeyShowsItsOwnTenant() throws Exception {
        String tenant = createTenant("own.test");
        String key = stringMember(createKey(tenant), "key");

        HttpResponse<String> response = ApiClient.bearer(key).get("/tenant");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"" + tenant + "\"").contains("\"own.test\"");
    }

    @Test
    void recordsTheKeysLastUse() throws Exception {
        String tenant = createTenant("used.test");
        String key = stringMember(createKey(tenant), "key");
        assertThat(ApiClient.bearer(key).get("/tenant").statusCode()).isEqualTo(200);

        // The store records the use asynchronously, so the request does not wait for it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String keys = "";
        while (System.nanoTime() < deadline && !keys.contains("\"lastUsedAt\":\"20")) {
            Thread.sleep(200);
            keys = ADMIN.get("/admin/tenants/" + tenant + "/api-keys").body();
        }
        assertThat(keys).contains("\"lastUsedAt\":\"20");
    }

    @Test
    void aSecondTenantsKeySeesOnlyTheSecondTenant() throws Exception {
        String first = createTenant("first.test");
        String second = createTenant("second.test");
        String firstKey = stringMember(createKey(first), "key");
        String secondKey = stringMember(createKey(second), "key");

        HttpResponse<String> response = ApiClient.bearer(secondKey).get("/tenant");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"id\":\"" + second + "\"")
                .doesNotContain(first)
                .doesNotContain("first.test");
        assertThat(ApiClient.bearer(firstKey).get("/tenant").body()).contains("\"id\":\"" + first + "\"");
    }

    @Test
    void asksForABearerTokenWithoutCredentials() throws Exception {
        HttpResponse<String> response = ApiClient.anonymous().get("/tenant");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer").contains("realm=\"outpost\""));
    }

    @Test
    void refusesAWrongSecretWithAProblem() throws Exception {
        String tenant = createTenant("wrong.test");
        String keyId = stringMember(createKey(tenant), "keyId");

        HttpResponse<String> response =
                ApiClient.bearer(keyId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/tenant");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("urn:outpost:problem:unauthorized").contains("\"status\":401");
    }

    @Test
    void refusesAMalformedKey() throws Exception {
        assertThat(ApiClient.bearer("not-an-api-key").get("/tenant").statusCode())
                .isEqualTo(401);
        assertThat(ApiClient.authorizedAs("Bearer").get("/tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesARevokedKeyAtOnceThoughItWasJustUsed() throws Exception {
        String tenant = createTenant("revoked-key.test");
        HttpResponse<String> created = createKey(tenant);
        String keyId = stringMember(created, "keyId");
        ApiClient client = ApiClient.bearer(stringMember(created, "key"));
        assertThat(client.get("/tenant").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = ADMIN.delete("/admin/tenants/" + tenant + "/api-keys/" + keyId);
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(client.get("/tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void keepsAnAdminOutOfTheTenantApi() throws Exception {
        HttpResponse<String> response = ADMIN.get("/tenant");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("urn:outpost:problem:forbidden");
    }

    @Test
    void keepsATenantOutOfTheAdminApi() throws Exception {
        String tenant = createTenant("nosy.test");
        String key = stringMember(createKey(tenant), "key");

        HttpResponse<String> response = ApiClient.bearer(key).get("/admin/tenants");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("urn:outpost:problem:forbidden").doesNotContain("it-tenant");
    }

    @Test
    void leavesTheQueueStatsOpen() throws Exception {
        assertThat(ApiClient.anonymous().get("/queue/stats").statusCode()).isEqualTo(200);
    }

    private static String createTenant(String domain) throws Exception {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = ADMIN.post(
                "/admin/tenants",
                "{\"id\":\"" + id + "\",\"name\":\"IT " + id + "\",\"domains\":[\"" + domain + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private static HttpResponse<String> createKey(String tenant) throws Exception {
        HttpResponse<String> response = ADMIN.post("/admin/tenants/" + tenant + "/api-keys", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }
}

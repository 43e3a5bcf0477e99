package io.outpost.it;

import static io.outpost.it.ApiClient.stringMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revoking a credential ends what it can do at once, also where it is already in use: an SMTP session that logged in
 * before the revocation has its next MAIL FROM refused, and an API key verified a moment ago is refused at its next
 * request.
 */
class LiveRevocationIT {

    private static final ApiClient ADMIN = ApiClient.admin();

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void refusesTheNextMailFromOfASessionWhoseCredentialWasRevoked() throws Exception {
        PublishedDomains.NewTenant newTenant = PublishedDomains.newTenant("live-revoked", "revoke.test", false);
        String tenant = newTenant.id();
        String sender = "MAIL FROM:<orders@" + newTenant.domain() + ">";
        HttpResponse<String> created = ADMIN.post("/admin/tenants/" + tenant + "/smtp-credentials", "{}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String username = stringMember(created, "username");
        String password = stringMember(created, "password");

        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("STARTTLS")).startsWith("220");
            client.startTls(OutpostUnderTest.trustingTheServer());
            client.command("EHLO client.test");
            assertThat(client.command("AUTH PLAIN " + plain(username, password)))
                    .startsWith("235");
            assertThat(client.command(sender)).startsWith("250");
            assertThat(client.command("RSET")).startsWith("250");

            HttpResponse<String> revoked = ADMIN.delete("/admin/tenants/" + tenant + "/smtp-credentials/" + username);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

            assertThat(client.command(sender))
                    .isEqualTo("530 5.7.8 Authentication credentials invalid: revoked since this session logged in;"
                            + " log in again");
        }
    }

    @Test
    void refusesAnApiKeyRevokedRightAfterItWasVerified() throws Exception {
        String tenant = PublishedDomains.newTenant("live-revoked-key", "revoke.test", false)
                .id();
        HttpResponse<String> created = ADMIN.post("/admin/tenants/" + tenant + "/api-keys", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ApiClient client = ApiClient.bearer(stringMember(created, "key"));
        assertThat(client.get("/tenant").statusCode()).isEqualTo(200);

        assertThat(ADMIN.delete("/admin/tenants/" + tenant + "/api-keys/" + stringMember(created, "keyId"))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> refused = client.get("/tenant");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("urn:outpost:problem:unauthorized");
    }

    private static String plain(String user, String password) {
        // RFC 4616: authzid NUL authcid NUL passwd, with an empty authzid.
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}

package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox (capture mode) of one tenant, against the real server: its messages are accepted, signed and kept exactly
 * as they would leave, readable raw and parsed, and never reach the MX; only that tenant reads them; turned off, the
 * next message is delivered.
 */
class SandboxIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void aCapturedMessageIsKeptSignedAsItWouldLeaveAndNeverDelivered() throws Exception {
        ApiSender tenant = ApiSender.create("sandbox");
        JsonObject turnedOn = PublishedDomains.json(
                ApiClient.admin().put("/admin/tenants/" + tenant.id() + "/capture", "{\"capture\":true}"), 200);
        assertThat(turnedOn.getBoolean("capture")).isTrue();
        String marker = "captured-" + UUID.randomUUID().toString().substring(0, 8);

        String id = tenant.send(marker);

        assertThat(awaitState(tenant.api(), "/messages/" + id, "CAPTURED")).isEqualTo("CAPTURED");
        HttpResponse<String> raw = tenant.api().get("/messages/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("message/rfc822"));
        // Every field Outpost added is there: its signature, its trace field and the Message-ID of a submission.
        assertThat(raw.body())
                .startsWith("DKIM-Signature:")
                .contains("\r\nReceived: from ", "\r\nMessage-ID: <", "\r\nSubject: " + marker + "\r\n");
        JsonObject parsed = PublishedDomains.json(tenant.api().get("/messages/" + id + "/parsed"), 200);
        assertThat(parsed.getJsonArray("headers").getValuesAs(JsonValue::asJsonObject))
                .extracting(header -> header.getString("name"))
                .contains("DKIM-Signature", "Received", "Subject", "From");
        assertThat(parsed.getJsonArray("parts").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(part -> {
                    assertThat(part.getString("contentType")).startsWith("text/plain");
                    assertThat(part.getString("text")).contains("hi");
                });
        JsonObject story = PublishedDomains.json(tenant.api().get("/messages/" + id), 200);
        assertThat(story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .containsExactly("RECEIVED", "QUEUED", "CAPTURED");
        assertThat(TestNetwork.MX.transactions())
                .noneMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker));

        ApiSender other = ApiSender.create("sandbox-other");
        assertThat(other.api().get("/messages/" + id + "/raw").statusCode()).isEqualTo(404);
        assertThat(other.api().get("/messages/" + id + "/parsed").statusCode()).isEqualTo(404);
        assertThat(ApiClient.admin().get("/admin/messages/" + id + "/raw").body())
                .isEqualTo(raw.body());
    }

    @Test
    void turnedOffTheNextMessageIsDelivered() throws Exception {
        ApiSender tenant = ApiSender.create("sandbox-off");
        String on = "/admin/tenants/" + tenant.id() + "/capture";
        PublishedDomains.json(ApiClient.admin().put(on, "{\"capture\":true}"), 200);
        assertThat(ApiClient.admin().put(on, "{}").statusCode()).isEqualTo(400);
        JsonObject off = PublishedDomains.json(ApiClient.admin().put(on, "{\"capture\":false}"), 200);
        assertThat(off.getBoolean("capture")).isFalse();
        String marker = "delivered-" + UUID.randomUUID().toString().substring(0, 8);

        String id = tenant.send(marker);

        assertThat(awaitState(tenant.api(), "/messages/" + id, "DELIVERED")).isEqualTo("DELIVERED");
        assertThat(TestNetwork.MX.transactions())
                .anyMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker));
    }
}

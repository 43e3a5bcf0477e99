package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server serves: every part of the API in it (admin and tenant, sending, templates, stats,
 * topics, audiences, the tracking, unsubscribe and double opt-in links), each operation with its problem responses and
 * who may call it, examples for sending; and its UI.
 */
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String BASE = "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT;

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentDescribesTheWholeApiWithProblemsAndSecurity() throws Exception {
        HttpResponse<String> response = get("/openapi?format=json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject document =
                Json.createReader(new StringReader(response.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.keySet())
                .contains(
                        "/api/v1/messages",
                        "/api/v1/messages/batch",
                        "/api/v1/messages/{id}",
                        "/api/v1/messages/{id}/cancel",
                        "/api/v1/templates/{name}",
                        "/api/v1/stats",
                        "/api/v1/suppressions",
                        "/api/v1/suppressions/{target}",
                        "/api/v1/events",
                        "/api/v1/webhooks",
                        "/api/v1/admin/tenants",
                        "/api/v1/admin/tenants/{tenant}/tracking",
                        "/api/v1/bulk-pauses",
                        "/api/v1/admin/bulk-pauses",
                        "/api/v1/admin/bulk-pauses/{tenant}/{domain}",
                        "/api/v1/topics",
                        "/api/v1/topics/{name}",
                        "/api/v1/audiences",
                        "/api/v1/audiences/{id}/subscribers",
                        "/api/v1/audiences/{id}/subscribers/{address}",
                        "/t/{token}",
                        "/u/{token}",
                        "/f/{id}",
                        "/c/{token}");
        JsonObject send = paths.getJsonObject("/api/v1/messages").getJsonObject("post");
        assertThat(send.getJsonObject("responses").keySet()).contains("202", "400", "401", "429", "503");
        assertThat(send.getJsonObject("responses")
                        .getJsonObject("400")
                        .getJsonObject("content")
                        .keySet())
                .containsExactly("application/problem+json");
        assertThat(send.getJsonObject("requestBody")
                        .getJsonObject("content")
                        .getJsonObject("application/json")
                        .getJsonObject("examples")
                        .keySet())
                .contains("withAttachment", "fromTemplate");
        assertThat(send.getJsonArray("security").getJsonObject(0).keySet()).containsExactly("apiKey");
        assertThat(paths.getJsonObject("/api/v1/admin/tenants")
                        .getJsonObject("get")
                        .getJsonArray("security")
                        .getJsonObject(0)
                        .keySet())
                .containsExactly("admin");
        assertThat(document.getJsonObject("components").getJsonObject("schemas").keySet())
                .contains("Problem");
    }

    @Test
    void theUiIsServed() throws Exception {
        HttpResponse<String> ui = get("/openapi/ui/");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }
}

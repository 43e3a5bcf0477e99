package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One caller of the REST API under {@code /api/v1} of the server under test, with its Authorization header or none. */
final class ApiClient {

    private static final String API = "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT + "/api/v1";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Optional<String> authorization;

    private ApiClient(Optional<String> authorization) {
        this.authorization = authorization;
    }

    static ApiClient anonymous() {
        return new ApiClient(Optional.empty());
    }

    /** The bootstrap admin of the build (system properties {@code it.admin.user}, {@code it.admin.password}). */
    static ApiClient admin() {
        String pair = System.getProperty("it.admin.user") + ":" + System.getProperty("it.admin.password");
        return authorizedAs("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    static ApiClient bearer(String key) {
        return authorizedAs("Bearer " + key);
    }

    /** Sends {@code header} as it is, well-formed or not. */
    static ApiClient authorizedAs(String header) {
        return new ApiClient(Optional.of(header));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, Optional.empty());
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return call("PUT", path, Optional.of(json));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return call("POST", path, Optional.of(json));
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return call("DELETE", path, Optional.empty());
    }

    /** Sends {@code body} (or none) with the given header names and values, whatever they hold. */
    HttpResponse<String> send(String method, String path, Optional<String> body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.map(BodyPublishers::ofString).orElse(BodyPublishers.noBody()));
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the string member {@code name} in a JSON response; fails the test if there is none. */
    static String stringMember(HttpResponse<String> response, String name) {
        Matcher member = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(response.body());
        assertThat(member.find()).as(name + " in " + response.body()).isTrue();
        return member.group(1);
    }

    private HttpResponse<String> call(String method, String path, Optional<String> json)
            throws IOException, InterruptedException {
        return json.isPresent()
                ? send(method, path, json, "Content-Type", "application/json")
                : send(method, path, json);
    }
}

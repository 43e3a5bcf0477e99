package io.outpost.it;

import static io.outpost.it.ApiClient.stringMember;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad HTTP input against the real server, over real sockets: bodies that are not JSON objects, nested too deep, too
 * large or in an unknown charset, malformed Accept and Content-Type headers, unknown paths and methods, domains too
 * long for DNS and two clients adding one domain at once. Each is answered with an application/problem+json naming
 * what is wrong, never a 500, and no body anywhere shows a Java exception.
 */
class HttpBadInputIT {

    private static final ApiClient ADMIN = ApiClient.admin();
    private static final String ROOT = "http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT;
    // Both: a request that asks to upgrade to HTTP/2 (h2c) once went unanswered when Liberty's file servlet failed.
    private static final List<HttpClient> HTTP =
            List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2).stream()
                    .map(version -> HttpClient.newBuilder()
                            .version(version)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build())
                    .toList();
    /** The server's default outpost.http.max-request-size. */
    private static final long MAX_REQUEST_SIZE = 36_700_160;

    private static final Pattern CONTENT_LENGTH = Pattern.compile("content-length: *(\\d+)");

    private static String tenant;
    private static ApiClient tenantClient;

    @BeforeAll
    static void createTenant() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        tenant = "bad-input-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = ADMIN.post(
                "/admin/tenants",
                "{\"id\":\"" + tenant + "\",\"name\":\"Bad input\",\"domains\":[\"" + tenant + ".test\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> key = ADMIN.post("/admin/tenants/" + tenant + "/api-keys", "{}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        tenantClient = ApiClient.bearer(stringMember(key, "key"));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsA400NamingTheBodyOnEveryEndpointThatTakesJson() throws Exception {
        for (Map.Entry<String, ApiClient> endpoint : jsonEndpoints().entrySet()) {
            String[] methodAndPath = endpoint.getKey().split(" ");
            for (String body : List.of("[]", "\"x\"", "1", "null")) {
                HttpResponse<String> response = endpoint.getValue()
                        .send(
                                methodAndPath[0],
                                methodAndPath[1],
                                Optional.of(body),
                                "Content-Type",
                                "application/json");

                assertProblem(response, 400, "must be a JSON object");
            }
        }
    }

    @Test
    void jsonNestedAThousandDeepIsA400() throws Exception {
        String arrays = "[".repeat(1000) + "]".repeat(1000);
        String objects = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        for (String body : List.of(arrays, objects)) {
            assertProblem(ADMIN.post("/admin/tenants", body), 400, "deeper than 32 levels");
            assertProblem(tenantClient.post("/messages", body), 400, "deeper than 32 levels");
        }
    }

    @Test
    void anAcceptHeaderWithABadWeightIsA400NamingTheHeader() throws Exception {
        for (String accept : List.of("application/json;q=abc", "application/json;q=", "application/json;q")) {
            assertProblem(ADMIN.send("GET", "/admin/tenants", Optional.empty(), "Accept", accept), 400, "Accept");
            assertProblem(tenantClient.send("GET", "/tenant", Optional.empty(), "Accept", accept), 400, "Accept");
        }
        // What java.net.HttpURLConnection sends by default still works.
        HttpResponse<String> legacy = ADMIN.send(
                "GET", "/admin/tenants", Optional.empty(), "Accept", "text/html, image/gif, *; q=.2, */*; q=.2");
        assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
    }

    @Test
    void aContentTypeWithABrokenCharsetIsA415NamingTheHeader() throws Exception {
        for (String contentType : List.of("application/json; charset=nonsense", "application/json; charset=")) {
            assertProblem(
                    ADMIN.send("POST", "/admin/tenants", Optional.of("{}"), "Content-Type", contentType),
                    415,
                    "Content-Type");
            assertProblem(
                    ADMIN.send(
                            "POST",
                            "/admin/tenants/" + tenant + "/api-keys",
                            Optional.of("{}"),
                            "Content-Type",
                            contentType),
                    415,
                    "Content-Type");
            assertProblem(
                    tenantClient.send("POST", "/messages", Optional.of("{}"), "Content-Type", contentType),
                    415,
                    "Content-Type");
        }
        assertProblem(
                ADMIN.send("POST", "/admin/tenants", Optional.of("{}"), "Content-Type", "json"), 400, "Content-Type");
    }

    @Test
    void unknownPathsAndRefusedMethodsAreProblemsWithoutTheContainersExceptionNames() throws Exception {
        for (HttpClient client : HTTP) {
            assertProblem(root(client, "GET", "/nope"), 404, "/nope");
            assertProblem(root(client, "OPTIONS", "/api"), 404, "/api");
            assertProblem(root(client, "DELETE", "/"), 404, "Nothing is served at /");
        }
        assertProblem(ADMIN.get("/admin/nope"), 404, "/api/v1/admin/nope");
        assertProblem(tenantClient.get("/nope"), 404, "/api/v1/nope");

        HttpResponse<String> patch = ADMIN.send("PATCH", "/admin/tenants", Optional.of("{}"));
        assertProblem(patch, 405, "PATCH");
        assertThat(patch.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET").contains("POST"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsA413BeforeTheBodyIsSent() throws Exception {
        String response = rawRequest(
                "POST /api/v1/admin/tenants HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n"
                        + "Authorization: " + adminBasic() + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: " + (MAX_REQUEST_SIZE + 1) + "\r\n\r\n",
                0);

        assertRawProblem(response, 413, "outpost.http.max-request-size");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWithA413() throws Exception {
        String response = rawRequest(
                "POST /api/v1/admin/tenants HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n"
                        + "Authorization: " + adminBasic() + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n",
                MAX_REQUEST_SIZE + 4 * 1024 * 1024);

        assertRawProblem(response, 413, "outpost.http.max-request-size");
    }

    @Test
    void aDomainTooLongForDnsIsA400NamingTheField() throws Exception {
        String label63 = "a".repeat(63);
        // 254 octets: over RFC 1035's 253 for a name written out; 190: no room left for the DKIM key's name under it.
        String tooLongForDns = String.join(".", label63, label63, label63, "b".repeat(57), "test");
        String noRoomForRecords = String.join(".", label63, label63, "c".repeat(57), "test");
        String labelTooLong = "a".repeat(64) + ".test";
        assertThat(tooLongForDns).hasSize(254);
        assertThat(noRoomForRecords).hasSize(190);
        for (String domain : List.of(tooLongForDns, noRoomForRecords, labelTooLong)) {
            String body = "{\"domain\":\"" + domain + "\"}";
            assertProblem(ADMIN.post("/admin/tenants/" + tenant + "/domains", body), 400, "\"name\":\"domain\"");
            assertProblem(tenantClient.post("/domains", body), 400, "\"name\":\"domain\"");
            assertProblem(
                    ADMIN.put("/admin/tenants/" + tenant + "/domains", "{\"domains\":[\"" + domain + "\"]}"),
                    400,
                    "\"name\":\"domains[0]\"");
        }
        String returnPath = String.join(".", label63, label63, label63, "d".repeat(52), "long.test");
        assertThat(returnPath).hasSize(254);
        assertProblem(
                tenantClient.post("/domains", "{\"domain\":\"long.test\",\"returnPathDomain\":\"" + returnPath + "\"}"),
                400,
                "\"name\":\"returnPathDomain\"");
    }

    @Test
    void twoConcurrentAddsOfOneDomainGiveOne201AndOne409() throws Exception {
        String base = UUID.randomUUID().toString().substring(0, 8);
        for (int round = 0; round < 15; round++) {
            String body = "{\"domain\":\"race" + round + "-" + base + ".test\"}";
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> adds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                adds.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return ADMIN.post("/admin/tenants/" + tenant + "/domains", body);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses =
                    adds.stream().map(CompletableFuture::join).toList();

            assertThat(responses.stream().map(HttpResponse::statusCode).sorted())
                    .as(responses.stream().map(HttpResponse::body).toList().toString())
                    .containsExactly(201, 409);
            responses.stream()
                    .filter(r -> r.statusCode() == 409)
                    .forEach(conflict -> assertProblem(conflict, 409, "urn:outpost:problem:conflict"));
        }
    }

    private static Map<String, ApiClient> jsonEndpoints() {
        return Map.of(
                "POST /admin/tenants",
                ADMIN,
                "POST /admin/tenants/" + tenant + "/smtp-credentials",
                ADMIN,
                "POST /admin/tenants/" + tenant + "/api-keys",
                ADMIN,
                "POST /admin/tenants/" + tenant + "/domains",
                ADMIN,
                "PUT /admin/tenants/" + tenant + "/domains",
                ADMIN,
                "POST /messages",
                tenantClient,
                "POST /domains",
                tenantClient);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertProblemBody(response.body(), status, mentioned);
    }

    private static void assertRawProblem(String response, int status, String mentioned) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0].toLowerCase()).contains("content-type: application/problem+json");
        assertProblemBody(headAndBody[1], status, mentioned);
    }

    private static void assertProblemBody(String body, int status, String mentioned) {
        assertThat(body)
                .contains("\"type\":\"", "\"title\":\"", "\"status\":" + status, "\"detail\":\"")
                .contains(mentioned)
                .doesNotContain(
                        "Exception", "at io.", "java.", "jakarta.", "ServletException", "FileNotFoundException");
    }

    private static HttpResponse<String> root(HttpClient client, String method, String path)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(ROOT + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String adminBasic() {
        String pair = System.getProperty("it.admin.user") + ":" + System.getProperty("it.admin.password");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code head}, then {@code chunkedOctets} of JSON whitespace in 64 KiB chunks (stopping early if the server
     * closes the connection, as it may once it has answered), and returns what the server answered.
     */
    private static String rawRequest(String head, long chunkedOctets) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", OutpostUnderTest.HTTP_PORT)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < chunkedOctets; sent += chunk.length) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (chunkedOctets > 0) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByTheServer) {
                // The server answered and closed before the whole body was sent: its answer is still to be read.
            }
            return readResponse(socket.getInputStream());
        }
    }

    // One response: the head, then as many body octets as Content-Length says, or chunks up to the last one.
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            received.write(b);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && complete(text, end + 4)) {
                return dechunked(text, end + 4);
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean complete(String text, int bodyStart) {
        String head = text.substring(0, bodyStart).toLowerCase();
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return text.length() - bodyStart >= Integer.parseInt(length.group(1));
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("\r\n0\r\n\r\n");
    }

    private static String dechunked(String text, int bodyStart) {
        String head = text.substring(0, bodyStart);
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return text;
        }
        StringBuilder body = new StringBuilder();
        int at = bodyStart;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return head + body;
            }
            body.append(text, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An {@code Authorization} header that cannot be read (an empty Basic, Basic that is not base64 or has no colon, a
 * Bearer that is not a b64token) gets a 401 problem naming the header, with a challenge, on the admin API, on the
 * tenant API and on the open queue stats alike: never a 500, never an exception's name. Sent over a raw socket so the
 * header goes out exactly as written.
 */
class MalformedAuthorizationIT {

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "'Basic',                         /api/v1/admin/tenants, Basic",
        "'Basic ',                        /api/v1/admin/tenants, Basic",
        "'Basic !!!not base64!!!',        /api/v1/admin/tenants, Basic",
        "'Basic NO_COLON',                /api/v1/admin/tenants, Basic",
        "'Basic :',                       /api/v1/admin/tenants, Basic",
        "'Bearer',                        /api/v1/admin/tenants, Basic",
        "'Bearer {garbage} \"x\"',        /api/v1/admin/tenants, Basic",
        "'Basic',                         /api/v1/tenant,        Bearer",
        "'Basic !!!not base64!!!',        /api/v1/tenant,        Bearer",
        "'Basic NO_COLON',                /api/v1/tenant,        Bearer",
        "'Bearer {garbage} \"x\"',        /api/v1/tenant,        Bearer",
        "'Basic NO_COLON',                /api/v1/queue/stats,   Bearer",
    })
    void answersAnUnreadableHeaderWithA401Problem(String header, String path, String challenge) throws Exception {
        String value = header.replace(
                "NO_COLON", Base64.getEncoder().encodeToString("no-colon-here".getBytes(StandardCharsets.UTF_8)));

        String response = send(path, value);

        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        String body = response.substring(head.length());
        assertThat(head).as(response).startsWith("HTTP/1.1 401 ");
        assertThat(head.toLowerCase(Locale.ROOT))
                .contains("content-type: application/problem+json")
                .contains("www-authenticate: " + challenge.toLowerCase(Locale.ROOT));
        assertThat(body)
                .contains("urn:outpost:problem:unauthorized")
                .contains("Authorization")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void refusesWrongCredentialsOnAnOpenPathToo() throws Exception {
        String response = send("/api/v1/queue/stats", "Bearer op_unknown.c2VjcmV0");

        assertThat(response).startsWith("HTTP/1.1 401 ").contains("urn:outpost:problem:unauthorized");
    }

    /** The whole response to one GET with the given Authorization value, written byte for byte. */
    private static String send(String path, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", OutpostUnderTest.HTTP_PORT), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}

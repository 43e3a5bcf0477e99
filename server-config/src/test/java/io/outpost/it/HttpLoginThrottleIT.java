package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords or API keys over HTTP is throttled like SMTP AUTH: after 10 failures the client's address is
 * refused with 429 even with the right password. The guesses come from 127.0.0.2, so the other ITs' address stays
 * unblocked.
 */
class HttpLoginThrottleIT {

    private static final int BLOCK_AFTER = 10;

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void blocksAnAddressAfterTenFailedLoginsEvenForTheRightPassword() throws Exception {
        String guessed = "guessed-" + UUID.randomUUID();
        for (int i = 0; i < BLOCK_AFTER; i++) {
            assertThat(statusLine(basic(guessed, "wrong-" + i)))
                    .as("guess " + i)
                    .contains(" 401 ");
        }

        assertThat(statusLine(basic(guessed, "still-wrong"))).contains(" 429 ");
        String admin = System.getProperty("it.admin.user");
        assertThat(statusLine(basic(admin, System.getProperty("it.admin.password"))))
                .as("the right password from the blocked address")
                .contains(" 429 ");
        assertThat(statusLine("Bearer op_guess.c2VjcmV0"))
                .as("an API key from the blocked address")
                .contains(" 429 ");

        String throttle = ApiClient.admin().get("/admin/auth-throttle").body();
        assertThat(throttle)
                .contains("\"protocol\":\"http\"")
                .contains("127.0.0.2")
                .contains(guessed);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One request from 127.0.0.2 (Java 17's HttpClient cannot choose its source address); its status line. */
    private static String statusLine(String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", OutpostUnderTest.HTTP_PORT), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/admin/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString().strip();
        }
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords or API keys over HTTP is throttled like SMTP AUTH, without locking anyone out: the guessing
 * address (127.0.0.2) is refused with 429 for the name it attacked after 5 failures, even with the right password,
 * and for every name after 10; the same right password from another address (127.0.0.3) still logs in. The other ITs'
 * address (127.0.0.1) is never throttled.
 */
class HttpLoginThrottleIT {

    private static final String GUESSER = "127.0.0.2";
    private static final String OWNER = "127.0.0.3";
    private static final int PAIR_BLOCK_AFTER = 5;
    private static final int ADDRESS_BLOCK_AFTER = 10;

    @BeforeAll
    static void awaitServer() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void blocksTheGuessingAddressButNotTheNameItAttacks() throws Exception {
        String admin = System.getProperty("it.admin.user");
        String rightPassword = basic(admin, System.getProperty("it.admin.password"));
        for (int i = 0; i < PAIR_BLOCK_AFTER; i++) {
            assertThat(statusLine(GUESSER, basic(admin, "wrong-" + i)))
                    .as("guess " + i)
                    .contains(" 401 ");
        }

        assertThat(statusLine(GUESSER, rightPassword))
                .as("the right password from the guessing address")
                .contains(" 429 ");
        assertThat(statusLine(OWNER, rightPassword))
                .as("the right password from another address")
                .contains(" 200 ");

        String guessed = "guessed-" + UUID.randomUUID();
        for (int i = PAIR_BLOCK_AFTER; i < ADDRESS_BLOCK_AFTER; i++) {
            assertThat(statusLine(GUESSER, basic(guessed + "-" + i, "wrong")))
                    .as("guess " + i + ", another name")
                    .contains(" 401 ");
        }
        assertThat(statusLine(GUESSER, basic(guessed, "still-wrong")))
                .as("any name from the guessing address")
                .contains(" 429 ");
        assertThat(statusLine(GUESSER, "Bearer op_guess.c2VjcmV0"))
                .as("an API key from the guessing address")
                .contains(" 429 ");
        assertThat(statusLine(OWNER, rightPassword)).contains(" 200 ");

        String throttle = ApiClient.admin().get("/admin/auth-throttle").body();
        assertThat(throttle)
                .contains("\"protocol\":\"http\"")
                .contains("\"kind\":\"ADDRESS\",\"address\":\"" + GUESSER + "\"")
                .contains("\"kind\":\"ADDRESS_AND_NAME\",\"address\":\"" + GUESSER + "\",\"name\":\"" + admin + "\"")
                .contains("\"kind\":\"NAME\",\"name\":\"" + admin + "\"")
                .doesNotContain(OWNER);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One request from {@code source}; its status line. */
    private static String statusLine(String source, String authorization) throws IOException {
        return FromAddress.statusLine(
                source, "GET /api/v1/admin/tenants HTTP/1.1\r\nAuthorization: " + authorization, new byte[0]);
    }
}

package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS and AUTH in the real server: the certificate comes from Liberty's own keystore, AUTH is decided by the bundled
 * htpasswd plugin that the build dropped into the server's plugin folder, and a failing plugin defers the client.
 */
class SubmissionSecurityIT {

    private static final Path USERS = Path.of(System.getProperty("it.htpasswd.file"));
    private static final String ALICE = "alice";
    private static final String PASSWORD = "wonderland-test-password";

    private static SSLContext trustingTheServer;

    @BeforeAll
    static void trustTheServersCertificate() throws Exception {
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        trustingTheServer = OutpostUnderTest.trustingTheServer();
    }

    @Test
    void offersStartTlsButNotAuthBeforeTls() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            String ehlo = client.command("EHLO client.test");
            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(client.command("AUTH PLAIN " + plain(ALICE, PASSWORD)))
                    .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
        }
    }

    @Test
    void authenticatesThroughTheHtpasswdPluginAfterStartTls() throws Exception {
        try (SmtpTestClient client = startTls()) {
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            assertThat(client.command("AUTH PLAIN " + plain(ALICE, PASSWORD)))
                    .isEqualTo("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        try (SmtpTestClient client = startTls()) {
            client.command("EHLO client.test");
            assertThat(client.command("AUTH PLAIN " + plain(ALICE, "not-the-password")))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void greetsOnTheImplicitTlsPortOnlyAfterTheHandshake() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(Integer.getInteger("it.smtps.port"))) {
            client.startTls(trustingTheServer);
            assertThat(client.reply()).startsWith("220 outpost.test");
            String ehlo = client.command("EHLO client.test");
            assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        }
    }

    @Test
    void defersTheClientWhenTheAuthenticationPluginFails() throws Exception {
        byte[] goodUsers = Files.readAllBytes(USERS);
        try {
            // A malformed line makes the htpasswd plugin throw on its next call: the relay must fail closed.
            Files.writeString(USERS, "alice:not-a-bcrypt-hash\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(USERS, FileTime.from(Instant.now().plusSeconds(5)));
            try (SmtpTestClient client = startTls()) {
                client.command("EHLO client.test");
                assertThat(client.command("AUTH PLAIN " + plain(ALICE, PASSWORD)))
                        .startsWith("454 4.7.0");
            }
        } finally {
            Files.write(USERS, goodUsers);
            Files.setLastModifiedTime(USERS, FileTime.from(Instant.now().plusSeconds(10)));
        }
        try (SmtpTestClient client = startTls()) {
            client.command("EHLO client.test");
            assertThat(client.command("AUTH PLAIN " + plain(ALICE, PASSWORD)))
                    .isEqualTo("235 2.7.0 Authentication successful");
        }
    }

    private static SmtpTestClient startTls() throws IOException {
        SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT);
        client.reply();
        client.command("EHLO client.test");
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        client.startTls(trustingTheServer);
        return client;
    }

    private static String plain(String user, String password) {
        // RFC 4616: authzid NUL authcid NUL passwd, with an empty authzid.
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}

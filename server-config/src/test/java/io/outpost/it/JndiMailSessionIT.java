package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.it.mailapp.SendMailServlet;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An existing Jakarta EE application, deployed by Arquillian beside Outpost as its own WAR, sends with
 * {@code @Resource(lookup = "mail/outpost")} and {@code Transport.send}: the session from outpost-mail-session.xml
 * submits over STARTTLS with AUTH, and Outpost relays the message to the tests' receiving SMTP server.
 *
 * <p>Tagged {@code arquillian}: failsafe runs such tests in a JVM of their own (see server-config/pom.xml).
 */
@Tag("arquillian")
@ExtendWith(ArquillianExtension.class)
class JndiMailSessionIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL application;

    @Deployment(testable = false)
    static WebArchive existingApplication() {
        return ShrinkWrap.create(WebArchive.class, "jndi-mail-app.war").addPackage(SendMailServlet.class.getPackage());
    }

    @BeforeAll
    static void startNetwork() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        PublishedDomains.signOkTest();
    }

    @Test
    void relaysWhatAnApplicationSendsThroughTheJndiMailSession() throws Exception {
        String marker = UUID.randomUUID().toString();
        String rcpt = "jndi-" + marker + "@ok.test";

        HttpResponse<String> sent = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                application + "send?to=" + encode(rcpt) + "&subject=" + encode("jndi " + marker)))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        Transaction delivered = RelayEndToEndIT.awaitTransactionContaining(marker);
        String data = new String(delivered.data(), StandardCharsets.UTF_8);
        assertThat(delivered.mailFrom()).as("the mail session's from").isEqualTo("app@ok.test");
        assertThat(delivered.rcptTo()).containsExactly(rcpt);
        // RFC 3848: ESMTPSA says the submission used TLS (the required STARTTLS) and AUTH (the session's credential).
        assertThat(data).contains("by outpost.test (Outpost) with ESMTPSA");
        assertThat(data).contains("Subject: jndi " + marker);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

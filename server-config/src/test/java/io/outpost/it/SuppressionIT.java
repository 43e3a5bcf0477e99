package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.relay.testing.SmtpTestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled do-not-mail plugin, loaded from the server's plugin folder and enabled as a suppression policy (the
 * integration-test profile of server-config/pom.xml), against the real server: a listed recipient is refused with the
 * list's own reply over SMTP and over HTTP alike, and an entry added while a message waits in the queue stops its next
 * attempt, which the message's story records.
 */
class SuppressionIT {

    /** The reply text the test server's do-not-mail plugin is configured with. */
    private static final String LIST_REPLY = "Recipient is on the do-not-mail list of the integration tests";

    private static final Path LIST = Path.of(System.getProperty("it.do-not-mail.file"));

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
    }

    @Test
    void aListedRecipientIsRefusedWithTheListsOwnReplyOverSmtpAndHttpAlike() throws Exception {
        String listed = "listed-" + UUID.randomUUID().toString().substring(0, 8) + "@ok.test";
        addToList(listed);

        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            client.command("EHLO suppression.client.test");
            assertThat(client.command("MAIL FROM:<sender@ok.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + listed + ">")).isEqualTo("550 5.7.1 " + LIST_REPLY);
            assertThat(client.command("RCPT TO:<not-listed@ok.test>")).startsWith("250");
        }

        ApiSender sender = ApiSender.create("suppress-http");
        HttpResponse<String> refused = sender.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + sender.from() + "\",\"to\":[\"fine@ok.test\"],\"cc\":[\"" + listed
                                + "\"],\"subject\":\"hi\",\"text\":\"hi\"}");
        JsonObject problem = PublishedDomains.json(refused, 422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.getString("type")).isEqualTo("urn:outpost:problem:recipient-refused");
        // The same reply as over SMTP: its text as the detail, the whole reply with the recipient it is about.
        assertThat(problem.getString("detail")).isEqualTo(LIST_REPLY);
        assertThat(problem.getJsonArray("invalid-params").getJsonObject(0).getString("reason"))
                .isEqualTo(listed + ": 550 5.7.1 " + LIST_REPLY);
    }

    @Test
    void anEntryAddedWhileAMessageWaitsStopsItsNextAttemptAndTheStoryRecordsIt() throws Exception {
        String marker = "later-" + UUID.randomUUID().toString().substring(0, 8);
        String recipient = marker + "@ok.test";
        TestNetwork.MX.replyToRcpt(recipient, "451 4.3.2 not now");
        ApiSender sender = ApiSender.create("suppress-queue");
        HttpResponse<String> accepted = sender.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + sender.from() + "\",\"to\":[\"" + recipient + "\"],\"subject\":\"" + marker
                                + "\",\"text\":\"hi\"}");
        String id = PublishedDomains.json(accepted, 202).getString("id");
        String path = "/messages/" + id;
        assertThat(awaitState(sender.api(), path, "DEFERRED")).isEqualTo("DEFERRED");

        addToList(recipient);
        // The destination would now take it: only the list can stop it.
        TestNetwork.MX.replyToRcpt(recipient, "250 2.1.5 ok");

        assertThat(awaitState(sender.api(), path, "SUPPRESSED")).isEqualTo("SUPPRESSED");
        JsonObject story = story(sender.api(), path);
        assertThat(story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .startsWith("RECEIVED", "QUEUED", "DEFERRED")
                .contains("SUPPRESSED", "DSN_QUEUED")
                .doesNotContain("DELIVERED");
        assertThat(story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .filteredOn(event -> event.getString("kind").equals("SUPPRESSED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail")).isEqualTo("550 5.7.1 " + LIST_REPLY));
        assertThat(TestNetwork.MX.transactions())
                .noneMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker));
    }

    @Test
    void operatorsSeeWhichPluginsEachPhaseAsksInOrderOthersDoNot() throws Exception {
        JsonObject order = PublishedDomains.json(ApiClient.admin().get("/admin/plugins"), 200);

        assertThat(order.getString("timeLimit")).isEqualTo("PT5S");
        assertThat(order.getJsonArray("phases").getValuesAs(JsonValue::asJsonObject))
                .extracting(
                        phase -> phase.getString("phase"),
                        phase -> phase.getJsonArray("plugins").getValuesAs(JsonValue::asJsonObject).stream()
                                .map(plugin -> plugin.getString("name") + (plugin.getBoolean("builtIn") ? "*" : ""))
                                .toList())
                .containsExactly(
                        tuple("CONNECT", List.of()),
                        tuple("HELO", List.of()),
                        tuple("AUTH", List.of("htpasswd", "credential-store*")),
                        tuple("MAIL", List.of("sender-binding*")),
                        // The relay's rules first at RCPT: a client that may not relay never learns whom lists hold.
                        tuple("RCPT", List.of("relay-control*", "suppression-list*", "do-not-mail")),
                        tuple(
                                "MESSAGE",
                                List.of(
                                        "sender-binding*",
                                        "loop-detection*",
                                        "header-checks",
                                        "dkim-readiness*",
                                        "dmarc-alignment*",
                                        "sending-limits*")),
                        tuple("PRE_DELIVERY", List.of("suppression-list*", "do-not-mail")),
                        tuple("BLOCKLIST", List.of("dnsbl*")));
        assertThat(ApiClient.anonymous().get("/admin/plugins").statusCode()).isEqualTo(401);
        assertThat(ApiSender.create("plugins-reader")
                        .api()
                        .get("/admin/plugins")
                        .statusCode())
                .isIn(401, 403);
    }

    private static void addToList(String address) throws Exception {
        Files.writeString(LIST, address + "\n", StandardOpenOption.APPEND);
    }
}

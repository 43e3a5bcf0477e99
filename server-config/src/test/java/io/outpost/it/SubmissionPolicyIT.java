package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * One pipeline for SMTP and HTTP, against the real server: the bundled header-checks plugin, loaded from the plugin
 * folder and placed among the relay's own rules (the integration-test profile of server-config/pom.xml), and the
 * built-in sender binding each refuse a tenant's message with the same reply over both; the refused message is recorded,
 * and its tenant reads why, from which rule, at which phase.
 */
class SubmissionPolicyIT {

    /** The reply of the one rule of it-header-checks.txt. */
    private static final String RULE_REPLY = "Subject refused by the header checks of the integration tests";

    private static final String FORBIDDEN_SUBJECT = "This is FORBIDDEN by the integration tests";

    private static ApiSender tenant;
    private static String smtpUser;
    private static String smtpPassword;

    @BeforeAll
    static void tenantWithAnApiKeyAndAnSmtpCredential() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        tenant = ApiSender.create("policy");
        HttpResponse<String> created =
                ApiClient.admin().post("/admin/tenants/" + tenant.id() + "/smtp-credentials", "{}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        smtpUser = ApiClient.stringMember(created, "username");
        smtpPassword = ApiClient.stringMember(created, "password");
    }

    @Test
    void anOperatorsPolicyFromAJarRefusesIdenticallyOverSmtpAndHttpAndTheTenantReadsWhy() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String smtpRecipient = "smtp-" + marker + "@ok.test";

        String smtpReply;
        try (SmtpTestClient client = authenticated()) {
            assertThat(client.command("MAIL FROM:<" + tenant.from() + ">")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + smtpRecipient + ">")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.send("From: <" + tenant.from() + ">\r\nTo: <" + smtpRecipient + ">\r\nSubject: " + FORBIDDEN_SUBJECT
                    + "\r\n\r\nhello\r\n.\r\n");
            smtpReply = client.reply();
        }
        HttpResponse<String> refused = tenant.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + tenant.from() + "\",\"to\":[\"http-" + marker + "@ok.test\"],\"subject\":\""
                                + FORBIDDEN_SUBJECT + "\",\"text\":\"hello\"}");

        assertThat(smtpReply).isEqualTo("550 5.7.1 " + RULE_REPLY);
        JsonObject problem = PublishedDomains.json(refused, 403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.getString("type")).isEqualTo("urn:outpost:problem:refused-by-policy");
        assertThat(problem.getString("detail")).isEqualTo(RULE_REPLY);
        assertThat(problem.getString("refusedBy")).isEqualTo("header-checks");

        // The HTTP refusal names its record; the SMTP one is found in the tenant's refused messages.
        JsonObject httpStory = story(problem.getString("messageId"));
        assertRefusedStory(httpStory, "http-" + marker + "@ok.test");
        JsonObject refusedMessages = PublishedDomains.json(tenant.api().get("/messages?state=refused"), 200);
        String smtpId = refusedMessages.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(message -> message.getJsonArray("recipients")
                        .getJsonObject(0)
                        .getString("address")
                        .equals(smtpRecipient))
                .map(message -> message.getString("id"))
                .findFirst()
                .orElseThrow();
        assertRefusedStory(story(smtpId), smtpRecipient);
        assertThat(TestNetwork.MX.transactions())
                .noneMatch(t -> new String(t.data(), StandardCharsets.UTF_8).contains(marker));
    }

    @Test
    void theBuiltInSenderBindingRefusesIdenticallyOverSmtpAndHttp() throws Exception {
        String smtpReply;
        try (SmtpTestClient client = authenticated()) {
            smtpReply = client.command("MAIL FROM:<ceo@bank.example>");
        }
        HttpResponse<String> refused = tenant.api()
                .post(
                        "/messages",
                        "{\"from\":\"ceo@bank.example\",\"to\":[\"someone@ok.test\"],\"subject\":\"hi\","
                                + "\"text\":\"hi\"}");

        assertThat(smtpReply)
                .isEqualTo("550 5.7.1 Sender address <ceo@bank.example> is not a sending domain of your" + " account");
        JsonObject problem = PublishedDomains.json(refused, 403);
        assertThat(problem.getString("type")).isEqualTo("urn:outpost:problem:sender-not-allowed");
        assertThat(problem.getString("detail")).isEqualTo(smtpReply.substring("550 5.7.1 ".length()));
        assertThat(problem.getString("refusedBy")).isEqualTo("sender-binding");
        assertThat(story(problem.getString("messageId")).getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .extracting(event -> event.getString("kind"))
                .containsExactly("RECEIVED", "REFUSED");
    }

    @Test
    void aQueuedMessagesStoryTellsOfTheRecipientRefusedAtRcpt() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String listed = "listed-" + marker + "@ok.test";
        Files.writeString(Path.of(System.getProperty("it.do-not-mail.file")), listed + "\n", StandardOpenOption.APPEND);

        String queued;
        try (SmtpTestClient client = authenticated()) {
            assertThat(client.command("MAIL FROM:<" + tenant.from() + ">")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + listed + ">")).startsWith("550 5.7.1");
            assertThat(client.command("RCPT TO:<fine-" + marker + "@ok.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.send("From: <" + tenant.from() + ">\r\nSubject: hello " + marker + "\r\n\r\nhello\r\n.\r\n");
            queued = client.reply();
        }

        assertThat(queued).startsWith("250 2.0.0 Ok: queued as ");
        List<JsonObject> events = story(queued.substring("250 2.0.0 Ok: queued as ".length()))
                .getJsonArray("events")
                .getValuesAs(JsonValue::asJsonObject);
        assertThat(events).extracting(event -> event.getString("kind")).startsWith("RECEIVED", "REFUSED", "QUEUED");
        assertThat(events.get(1).getString("detail"))
                .startsWith("recipient " + listed + " rejected at RCPT by do-not-mail: 550 5.7.1 ");
    }

    @Test
    void anotherTenantCannotReadARefusedMessage() throws Exception {
        HttpResponse<String> refused = tenant.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + tenant.from() + "\",\"to\":[\"x@ok.test\"],\"subject\":\"" + FORBIDDEN_SUBJECT
                                + "\",\"text\":\"hello\"}");
        String id = PublishedDomains.json(refused, 403).getString("messageId");

        ApiSender other = ApiSender.create("policy-other");
        assertThat(other.api().get("/messages/" + id).statusCode()).isEqualTo(404);
    }

    private static void assertRefusedStory(JsonObject story, String recipient) {
        assertThat(story.getJsonArray("recipients").getValuesAs(JsonValue::asJsonObject))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getString("address")).isEqualTo(recipient);
                    assertThat(r.getString("state")).isEqualTo("REFUSED");
                });
        List<JsonObject> events = story.getJsonArray("events").getValuesAs(JsonValue::asJsonObject);
        assertThat(events).extracting(event -> event.getString("kind")).containsExactly("RECEIVED", "REFUSED");
        // The reply, not the rule: the verdict's reason names the operator's file and is for the operator's log.
        assertThat(events.get(1).getString("detail"))
                .isEqualTo("rejected at MESSAGE by header-checks: 550 5.7.1 " + RULE_REPLY);
    }

    private static JsonObject story(String id) throws Exception {
        return PublishedDomains.json(tenant.api().get("/messages/" + id), 200);
    }

    private static SmtpTestClient authenticated() throws Exception {
        return OutpostUnderTest.authenticated("policy.client.test", smtpUser, smtpPassword);
    }
}

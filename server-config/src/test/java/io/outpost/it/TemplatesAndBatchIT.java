package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates and batches against the real server: a tenant saves versions of a template and previews them; a message
 * and a batch are rendered from one, HTML escaped, each recipient's data its own; a batch answers each recipient's id
 * or its own error and sends the rest; no tenant reaches another's templates.
 */
class TemplatesAndBatchIT {

    private static ApiSender tenant;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(java.time.Duration.ofMinutes(2));
        tenant = ApiSender.create("templates");
    }

    private static String marker() {
        return "tb-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> saveTemplate(String name, String subject, String html) throws Exception {
        return tenant.api()
                .put(
                        "/templates/" + name,
                        "{\"subject\":\"" + subject + "\",\"text\":\"Hello {{firstName}}\",\"html\":\"" + html + "\"}");
    }

    @Test
    void aTemplateKeepsEveryVersionAndPreviewsWithData() throws Exception {
        String name = marker();
        HttpResponse<String> first = saveTemplate(name, "v1 {{firstName}}", "<p>{{firstName}}</p>");
        HttpResponse<String> second = saveTemplate(name, "v2 {{firstName}}", "<p>Hi {{firstName}}</p>");
        HttpResponse<String> broken = saveTemplate(name, "v3", "<p>{{#open}}</p>");

        assertThat(PublishedDomains.json(first, 201).getInt("version")).isEqualTo(1);
        assertThat(PublishedDomains.json(second, 201).getInt("version")).isEqualTo(2);
        assertThat(PublishedDomains.json(broken, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("html");
        assertThat(PublishedDomains.json(tenant.api().get("/templates/" + name), 200)
                        .getString("subject"))
                .isEqualTo("v2 {{firstName}}");
        assertThat(PublishedDomains.json(tenant.api().get("/templates/" + name + "?version=1"), 200)
                        .getString("subject"))
                .isEqualTo("v1 {{firstName}}");
        assertThat(PublishedDomains.json(tenant.api().get("/templates/" + name + "/versions"), 200)
                        .getJsonArray("versions"))
                .hasSize(2);
        JsonObject preview = PublishedDomains.json(
                tenant.api().post("/templates/" + name + "/render", "{\"data\":{\"firstName\":\"<Ann>\"}}"), 200);
        assertThat(preview.getString("subject")).isEqualTo("v2 <Ann>");
        assertThat(preview.getString("html")).isEqualTo("<p>Hi &lt;Ann&gt;</p>");
        HttpResponse<String> missing = tenant.api().post("/templates/" + name + "/render", "{\"data\":{}}");
        assertThat(PublishedDomains.json(missing, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("reason"))
                .contains("firstName");

        ApiSender other = ApiSender.create("templates-other");
        assertThat(other.api().get("/templates/" + name).statusCode()).isEqualTo(404);
        assertThat(other.api()
                        .post("/templates/" + name + "/render", "{\"data\":{}}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(other.api().delete("/templates/" + name).statusCode()).isEqualTo(404);
        assertThat(PublishedDomains.json(other.api().get("/templates"), 200).getJsonArray("templates"))
                .isEmpty();
        HttpResponse<String> viaOther = other.api()
                .post(
                        "/messages",
                        "{\"from\":\"" + other.from() + "\",\"to\":[\"x@ok.test\"],\"template\":{\"name\":\"" + name
                                + "\",\"data\":{\"firstName\":\"x\"}}}");
        assertThat(PublishedDomains.json(viaOther, 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("template.name");

        assertThat(tenant.api().delete("/templates/" + name).statusCode()).isEqualTo(204);
        assertThat(tenant.api().get("/templates/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void thePreviewIsAPageThatRunsNothingInEitherPart() throws Exception {
        String name = marker();
        PublishedDomains.json(saveTemplate(name, "Hi", "<p>Dear {{firstName}}</p><script>x()</script>"), 201);
        String data = URLEncoder.encode("{\"firstName\":\"<Ann>\"}", StandardCharsets.UTF_8);

        HttpResponse<String> html = tenant.api().get("/templates/" + name + "/preview?images=off&data=" + data);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<p>Dear &lt;Ann&gt;</p>");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'")
                .contains("img-src data:")
                .contains("sandbox");
        HttpResponse<String> text =
                tenant.api().get("/templates/" + name + "/preview?part=text&images=on&data=" + data);
        assertThat(text.body()).isEqualTo("<pre>Hello &lt;Ann&gt;</pre>");
        assertThat(text.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src * data:");
        assertThat(PublishedDomains.json(tenant.api().get("/templates/" + name + "/preview?part=pdf"), 400)
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("part");
    }

    @Test
    void aMessageFromATemplateArrivesRenderedAndEscaped() throws Exception {
        String name = marker();
        PublishedDomains.json(saveTemplate(name, name + " for {{firstName}}", "<p>Dear {{firstName}}</p>"), 201);

        PublishedDomains.json(
                tenant.api()
                        .post(
                                "/messages",
                                "{\"from\":\"" + tenant.from() + "\",\"to\":[\"" + name + "@ok.test\"],"
                                        + "\"template\":{\"name\":\"" + name + "\",\"data\":{\"firstName\":"
                                        + "\"Ann <b>&</b>\"}}}"),
                202);

        MimeMessage delivered =
                parse(RelayEndToEndIT.awaitTransactionContaining(name).data());
        assertThat(delivered.getSubject()).isEqualTo(name + " for Ann <b>&</b>");
        Multipart alternative = (Multipart) delivered.getContent();
        assertThat(alternative.getBodyPart(0).getContent().toString()).isEqualTo("Hello Ann <b>&</b>");
        assertThat(alternative.getBodyPart(1).getContent().toString())
                .isEqualTo("<p>Dear Ann &lt;b&gt;&amp;&lt;/b&gt;</p>");
    }

    @Test
    void aTemplatesFilesGoWithEveryMessageAndWithItsNextVersions() throws Exception {
        String name = marker();
        String terms = Base64.getEncoder().encodeToString(("Terms of " + name).getBytes(StandardCharsets.UTF_8));
        JsonObject first = PublishedDomains.json(
                tenant.api()
                        .put(
                                "/templates/" + name,
                                "{\"subject\":\"" + name + "\",\"text\":\"Hello {{firstName}}\",\"attachments\":["
                                        + "{\"fileName\":\"terms.txt\",\"contentType\":\"text/plain\",\"content\":\""
                                        + terms + "\"}]}"),
                201);
        assertThat(first.getJsonArray("attachments").getJsonObject(0).getString("fileName"))
                .isEqualTo("terms.txt");
        // New words, nothing said of files: the new version keeps them.
        JsonObject second = PublishedDomains.json(saveTemplate(name, name + " v2", "<p>Hi {{firstName}}</p>"), 201);
        assertThat(second.getJsonArray("attachments")).hasSize(1);
        assertThat(PublishedDomains.json(
                                tenant.api()
                                        .put(
                                                "/templates/" + name,
                                                "{\"subject\":\"x\",\"text\":\"x\",\"keepAttachments\":[\"gone.pdf\"]}"),
                                409)
                        .getString("detail"))
                .contains("gone.pdf");

        PublishedDomains.json(
                tenant.api()
                        .post(
                                "/messages",
                                "{\"from\":\"" + tenant.from() + "\",\"to\":[\"" + name + "@ok.test\"],"
                                        + "\"template\":{\"name\":\"" + name + "\",\"data\":{\"firstName\":\"Ann\"}},"
                                        + "\"attachments\":[{\"fileName\":\"own.txt\",\"contentType\":\"text/plain\","
                                        + "\"content\":\"b3du\"}]}"),
                202);

        Multipart mixed = (Multipart)
                parse(RelayEndToEndIT.awaitTransactionContaining(name + " v2").data())
                        .getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("terms.txt");
        assertThat(mixed.getBodyPart(1).getContent().toString()).isEqualTo("Terms of " + name);
        assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("own.txt");

        JsonObject third = PublishedDomains.json(
                tenant.api().put("/templates/" + name, "{\"subject\":\"x\",\"text\":\"x\",\"keepAttachments\":[]}"),
                201);
        assertThat(third.getJsonArray("attachments")).isEmpty();
    }

    @Test
    void aBatchSendsEachRecipientItsOwnMessageAndAnswersEachOnesOutcome() throws Exception {
        String name = marker();
        PublishedDomains.json(saveTemplate(name, name + " {{firstName}} {{shop}}", "<p>{{firstName}}</p>"), 201);
        String body = "{\"from\":\"" + tenant.from() + "\",\"template\":{\"name\":\"" + name + "\",\"data\":"
                + "{\"shop\":\"Shop\"}},\"tags\":[\"batch\"],\"recipients\":["
                + "{\"to\":\"Ann <ann-" + name + "@ok.test>\",\"data\":{\"firstName\":\"Ann\"},"
                + "\"metadata\":{\"customer\":\"17\"}},"
                + "{\"to\":\"not an address\",\"data\":{\"firstName\":\"X\"}},"
                + "{\"to\":\"nodata-" + name + "@ok.test\"},"
                + "{\"to\":\"bob-" + name + "@ok.test\",\"data\":{\"firstName\":\"Bob\",\"shop\":\"Bob's\"}},"
                + "{\"to\":\"carol-" + name + "@ok.test\",\"data\":{\"firstName\":\"Carol\"}}]}";

        JsonObject answer = PublishedDomains.json(tenant.api().post("/messages/batch", body), 200);

        List<JsonObject> results = answer.getJsonArray("results").getValuesAs(JsonValue::asJsonObject);
        assertThat(answer.getInt("accepted")).isEqualTo(3);
        assertThat(answer.getInt("rejected")).isEqualTo(2);
        assertThat(results).extracting(r -> r.getInt("index")).containsExactly(0, 1, 2, 3, 4);
        assertThat(results.get(0).containsKey("id")).isTrue();
        assertThat(results.get(1).getJsonObject("error").getInt("status")).isEqualTo(400);
        assertThat(results.get(1)
                        .getJsonObject("error")
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("recipients[1].to");
        assertThat(results.get(2)
                        .getJsonObject("error")
                        .getJsonArray("invalid-params")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("recipients[2].data");
        assertThat(results.get(3).containsKey("id")).isTrue();
        assertThat(results.get(4).containsKey("id")).isTrue();

        MimeMessage ann = parse(
                RelayEndToEndIT.awaitTransactionTo("ann-" + name + "@ok.test").data());
        MimeMessage bob = parse(
                RelayEndToEndIT.awaitTransactionTo("bob-" + name + "@ok.test").data());
        assertThat(ann.getSubject()).isEqualTo(name + " Ann Shop");
        assertThat(bob.getSubject()).isEqualTo(name + " Bob Bob's");
        assertThat(ann.getHeader("To")[0]).contains("ann-" + name + "@ok.test").doesNotContain("bob-");
        JsonObject story = PublishedDomains.json(
                tenant.api().get("/messages/" + results.get(0).getString("id")), 200);
        assertThat(story.getJsonObject("metadata").getString("customer")).isEqualTo("17");
        assertThat(story.getJsonArray("tags").getString(0)).isEqualTo("batch");
    }

    @Test
    void aBatchTooLargeOrWithoutContentIsRefusedWhole() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"to\":\"r").append(i).append("@ok.test\"}");
        }
        HttpResponse<String> tooMany = tenant.api()
                .post(
                        "/messages/batch",
                        "{\"from\":\"" + tenant.from() + "\",\"subject\":\"s\",\"text\":\"t\",\"recipients\":[" + many
                                + "]}");
        HttpResponse<String> noContent = tenant.api()
                .post(
                        "/messages/batch",
                        "{\"from\":\"" + tenant.from() + "\",\"recipients\":[{\"to\":\"a@ok.test\"}]}");

        assertThat(names(PublishedDomains.json(tooMany, 400))).contains("recipients");
        assertThat(names(PublishedDomains.json(noContent, 400))).contains("subject");
    }

    private static List<String> names(JsonObject problem) {
        List<String> names = new ArrayList<>();
        problem.getJsonArray("invalid-params")
                .getValuesAs(JsonValue::asJsonObject)
                .forEach(p -> names.add(p.getString("name")));
        return names;
    }

    private static MimeMessage parse(byte[] data) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
    }
}

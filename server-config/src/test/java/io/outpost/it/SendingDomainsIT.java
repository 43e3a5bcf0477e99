package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sending domains in the real server, end to end: the records the API asks an owner to publish, their checks against
 * the test DNS server, refusal until DKIM verifies, signatures an independent verifier (dkimpy, looking keys up in
 * DNS) accepts on every kind of message, the VERP return path, key rotation, DMARC alignment and tenant isolation.
 */
class SendingDomainsIT {

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    private static SSLContext trustingTheServer;

    @BeforeAll
    static void awaitServer() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        trustingTheServer = OutpostUnderTest.trustingTheServer();
    }

    @Test
    void showsTheRecordsToPublishAndRefusesMailUntilTheDkimRecordVerifies() throws Exception {
        Sender sender = newTenant("refused", false);
        JsonObject domain = PublishedDomains.domain(sender.tenant, sender.domain);

        assertThat(domain.getBoolean("readyToSend")).isFalse();
        assertThat(kinds(domain)).containsExactly("DKIM", "SPF", "DMARC", "RETURN_PATH_MX", "RETURN_PATH_SPF");
        assertThat(record(domain, "SPF").getString("value")).isEqualTo("v=spf1 ip4:127.0.0.1 ~all");
        assertThat(record(domain, "RETURN_PATH_MX").getString("name")).isEqualTo("bounces." + sender.domain);
        assertThat(record(domain, "RETURN_PATH_MX").getString("value")).isEqualTo("10 outpost.test.");
        JsonObject dkim = record(domain, "DKIM");
        assertThat(dkim.getString("name")).matches("op\\d{8}r\\._domainkey\\." + sender.domain.replace(".", "\\."));
        assertThat(dkim.getString("value")).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(domain.toString()).doesNotContain("PRIVATE").doesNotContain("sealed");

        // Not checked yet: refused for now, so the client keeps the message and tries again.
        assertThat(sender.send(message(sender.from(), "to@ok.test", "unchecked")))
                .startsWith("451 4.7.26")
                .contains(dkim.getString("name"));

        JsonObject missing = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(status(missing, "DKIM")).isEqualTo("MISSING");
        assertThat(status(missing, "SPF")).isEqualTo("MISSING");
        assertThat(sender.send(message(sender.from(), "to@ok.test", "missing")))
                .startsWith("550 5.7.26")
                .contains(dkim.getString("name") + " (MISSING)");

        // A key that is not Outpost's: the check shows what it found.
        TestNetwork.DNS.add(dkim.getString("name") + ". 60 IN TXT \"v=DKIM1; k=rsa; p=bm90IHRoZSByaWdodCBrZXk=\"");
        JsonObject wrong = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(status(wrong, "DKIM")).isEqualTo("WRONG");
        assertThat(check(wrong, "DKIM").getString("found")).contains("bm90IHRoZSByaWdodCBrZXk=");
        assertThat(wrong.getBoolean("readyToSend")).isFalse();

        PublishedDomains.publish(sender.tenant, sender.domain, record -> true);
        JsonObject found = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(found.getJsonArray("records").getValuesAs(JsonObject.class))
                .allSatisfy(r -> assertThat(r.getJsonObject("check").getString("status"))
                        .as(r.toString())
                        .isEqualTo("FOUND"));
        assertThat(found.getBoolean("readyToSend")).isTrue();

        String events = ApiClient.admin()
                .get("/admin/tenants/" + sender.tenant + "/domains/" + sender.domain + "/events")
                .body();
        assertThat(events).contains("\"previousStatus\":\"WRONG\",\"status\":\"FOUND\"");
        assertThat(sender.send(message(sender.from(), "to@ok.test", "accepted")))
                .startsWith("250");
    }

    @Test
    void signsEveryKindOfMessageSoThatDkimpyVerifiesBothSignaturesFromDns() throws Exception {
        Sender sender = publishedTenant("signed", true);
        List<String> markers = new ArrayList<>();
        for (String kind : List.of("ascii", "eight-bit", "long-lines", "folded", "multipart")) {
            String marker = kind + "-" + UUID.randomUUID();
            markers.add(marker);
            assertThat(sender.send(kindOfMessage(kind, sender.from(), marker))).startsWith("250");
        }
        String utf8Marker = "smtputf8-" + UUID.randomUUID();
        markers.add(utf8Marker);
        assertThat(sender.sendUtf8(utf8Message(sender.from(), utf8Marker))).startsWith("250");

        List<byte[]> delivered = new ArrayList<>();
        for (String marker : markers) {
            delivered.add(RelayEndToEndIT.awaitTransactionContaining(marker).data());
        }
        String rsa = selector(sender, "rsa-sha256");
        String ed25519 = selector(sender, "ed25519-sha256");
        assertThat(DkimpyOverDns.verify(delivered))
                .as("dkimpy on " + markers)
                .containsOnly(rsa + "=pass " + ed25519 + "=pass");
    }

    @Test
    void refusesForGoodAMessageWhoseHeaderHasALineWithoutAColon() throws Exception {
        Sender sender = publishedTenant("malformed", false);
        String marker = "malformed-" + UUID.randomUUID();
        String text = "From: <" + sender.from() + ">\r\nTo: <to@ok.test>\r\nSubject: " + marker
                + "\r\nthis line has no colon\r\n\r\nhello " + marker + "\r\n";

        String reply =
                sender.send(new Message(sender.from(), List.of("to@ok.test"), text.getBytes(StandardCharsets.UTF_8)));

        // Permanent, not 451 4.3.0 on every retry: the same bytes can never be signed.
        assertThat(reply)
                .startsWith("550 5.6.0 Message cannot be signed: header line ")
                .contains("is not a header field: it has no colon");
        assertThat(sender.send(message(sender.from(), "to@ok.test", "well-formed-" + UUID.randomUUID())))
                .startsWith("250");
    }

    @Test
    void sendsEachRecipientWithItsOwnVerpReturnPathOnceTheReturnPathVerifies() throws Exception {
        Sender sender = publishedTenant("verp", false);
        String marker = "verp-" + UUID.randomUUID();

        assertThat(sender.send(message(sender.from(), List.of("one@ok.test", "two@ok.test"), marker)))
                .startsWith("250");

        List<Transaction> transactions = TestNetwork.awaitTransactionsContaining(marker, 2);
        assertThat(transactions).allSatisfy(t -> {
            assertThat(t.rcptTo()).hasSize(1);
            assertThat(t.mailFrom())
                    .matches("b-[0-9a-z]+-[0-9a-z]+-[a-z2-7]{16}@bounces\\." + sender.domain.replace(".", "\\."));
        });
        assertThat(transactions.get(0).mailFrom())
                .isNotEqualTo(transactions.get(1).mailFrom());
    }

    @Test
    void rotationSignsWithTheNewSelectorOnceItsRecordVerifies() throws Exception {
        Sender sender = publishedTenant("rotated", false);
        String before = selector(sender, "rsa-sha256");

        JsonObject rotating = PublishedDomains.json(
                ApiClient.admin()
                        .post("/admin/tenants/" + sender.tenant + "/domains/" + sender.domain + "/rotate", "{}"),
                200);
        JsonObject pending = rotating.getJsonArray("selectors").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("state").equals("PENDING"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pending selector in " + rotating));
        String after = pending.getString("selector");
        assertThat(after).isNotEqualTo(before);
        assertThat(rotate(sender)).isEqualTo(409);

        String beforeMarker = "before-" + UUID.randomUUID();
        assertThat(sender.send(message(sender.from(), "rotate@ok.test", beforeMarker)))
                .startsWith("250");
        assertThat(DkimpyOverDns.verify(List.of(
                        RelayEndToEndIT.awaitTransactionContaining(beforeMarker).data())))
                .containsExactly(before + "=pass");

        PublishedDomains.publish(
                sender.tenant, sender.domain, r -> r.getString("name").startsWith(after + "."));
        JsonObject activated = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(stateOf(activated, after)).isEqualTo("ACTIVE");
        assertThat(stateOf(activated, before)).isEqualTo("RETIRING");

        String afterMarker = "after-" + UUID.randomUUID();
        // Intake's signing keys are cached; the check's event replaced the entry on this node.
        assertThat(sender.send(message(sender.from(), "rotate@ok.test", afterMarker)))
                .startsWith("250");
        assertThat(DkimpyOverDns.verify(List.of(
                        RelayEndToEndIT.awaitTransactionContaining(afterMarker).data())))
                .containsExactly(after + "=pass");
    }

    @Test
    void refusesMailThatWouldFailStrictDmarcAlignment() throws Exception {
        Sender sender = publishedTenant("strict", false);
        TestNetwork.DNS.remove("_dmarc." + sender.domain + ".", "TXT");
        TestNetwork.DNS.add("_dmarc." + sender.domain + ". 60 IN TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"");
        JsonObject checked = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(check(checked, "DMARC").getString("detail")).containsIgnoringCase("reject");

        String refusal = sender.send(message("news@sub." + sender.domain, "strict@ok.test", "strict"));

        assertThat(refusal).startsWith("550 5.7.26").contains("DMARC alignment");
        assertThat(sender.send(message(sender.from(), "strict@ok.test", "aligned-" + UUID.randomUUID())))
                .startsWith("250");
    }

    @Test
    void aTenantSeesAndManagesOnlyItsOwnDomains() throws Exception {
        Sender owner = newTenant("owner", false);
        Sender other = newTenant("other", false);
        ApiClient otherKey = ApiClient.bearer(apiKey(other.tenant));

        assertThat(otherKey.get("/domains/" + owner.domain).statusCode()).isEqualTo(404);
        assertThat(otherKey.post("/domains/" + owner.domain + "/rotate", "{}").statusCode())
                .isEqualTo(404);
        assertThat(otherKey.get("/domains").body()).contains(other.domain).doesNotContain(owner.domain);

        HttpResponse<String> taken = otherKey.post("/domains", "{\"domain\":\"" + owner.domain + "\"}");
        assertThat(taken.statusCode()).isEqualTo(409);

        String added = "added-" + other.domain;
        HttpResponse<String> created = otherKey.post("/domains", "{\"domain\":\"" + added + "\",\"ed25519\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"ed25519-sha256\"").contains("_domainkey." + added);

        HttpResponse<String> overlapping = otherKey.post("/domains", "{\"domain\":\"news." + owner.domain + "\"}");
        assertThat(overlapping.statusCode()).as("another tenant's subdomain").isEqualTo(409);
        for (String suffix : List.of("test", "com", "co.uk")) {
            HttpResponse<String> tooWide = otherKey.post("/domains", "{\"domain\":\"" + suffix + "\"}");
            assertThat(tooWide.statusCode()).as(suffix).isEqualTo(400);
            assertThat(tooWide.body()).contains("\"name\":\"domain\"");
        }

        HttpResponse<String> badReturnPath = otherKey.post(
                "/domains", "{\"domain\":\"x-" + other.domain + "\",\"returnPathDomain\":\"elsewhere.test\"}");
        assertThat(badReturnPath.statusCode()).isEqualTo(400);
        assertThat(badReturnPath.body()).contains("returnPathDomain");
    }

    @Test
    void aRefusedDomainListLeavesTheTenantsDomainsAndKeysAsTheyWere() throws Exception {
        Sender owner = newTenant("kept", false);
        Sender other = newTenant("taker", false);
        String selectorBefore = selector(owner, "rsa-sha256");

        HttpResponse<String> refused = ApiClient.admin()
                .put(
                        "/admin/tenants/" + owner.tenant + "/domains",
                        "{\"domains\":[\"fresh-" + owner.domain + "\",\"" + other.domain + "\"]}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        String domains = ApiClient.admin()
                .get("/admin/tenants/" + owner.tenant + "/domains")
                .body();
        assertThat(domains).contains("\"" + owner.domain + "\"").doesNotContain("fresh-");
        assertThat(selector(owner, "rsa-sha256")).isEqualTo(selectorBefore);
    }

    // --- set-up -------------------------------------------------------------------------------------------------

    /** A tenant with one sending domain and an SMTP credential; nothing published yet. */
    private static Sender newTenant(String name, boolean ed25519) throws Exception {
        PublishedDomains.NewTenant created = PublishedDomains.newTenant(name, "sign.test", ed25519);
        String tenant = created.id();
        String domain = created.domain();
        HttpResponse<String> credential =
                ApiClient.admin().post("/admin/tenants/" + tenant + "/smtp-credentials", "{}");
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(201);
        return new Sender(
                tenant,
                domain,
                ApiClient.stringMember(credential, "username"),
                ApiClient.stringMember(credential, "password"));
    }

    /** A tenant whose domain has all its records published and verified. */
    private static Sender publishedTenant(String name, boolean ed25519) throws Exception {
        Sender sender = newTenant(name, ed25519);
        PublishedDomains.publish(sender.tenant, sender.domain, record -> true);
        JsonObject checked = PublishedDomains.check(sender.tenant, sender.domain);
        assertThat(checked.getBoolean("readyToSend")).as(checked.toString()).isTrue();
        return sender;
    }

    private static String apiKey(String tenant) throws Exception {
        return ApiClient.stringMember(ApiClient.admin().post("/admin/tenants/" + tenant + "/api-keys", "{}"), "key");
    }

    private static int rotate(Sender sender) throws Exception {
        return ApiClient.admin()
                .post("/admin/tenants/" + sender.tenant + "/domains/" + sender.domain + "/rotate", "{}")
                .statusCode();
    }

    private record Sender(String tenant, String domain, String username, String password) {

        String from() {
            return "news@" + domain;
        }

        /** Sends one message over STARTTLS with AUTH PLAIN; returns the final reply. */
        String send(Message message) throws IOException {
            try (SmtpTestClient client = authenticated()) {
                String mailFrom = client.command("MAIL FROM:<" + message.envelopeFrom + ">");
                if (!mailFrom.startsWith("250")) {
                    return mailFrom;
                }
                for (String rcpt : message.recipients) {
                    assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
                }
                assertThat(client.command("DATA")).startsWith("354");
                client.send(message.content);
                client.send(".\r\n");
                return client.reply();
            }
        }

        String sendUtf8(Message message) throws IOException {
            try (SmtpTestClient client = authenticated()) {
                assertThat(client.command("MAIL FROM:<" + message.envelopeFrom + "> SMTPUTF8 BODY=8BITMIME"))
                        .startsWith("250");
                assertThat(client.command("RCPT TO:<" + message.recipients.get(0) + ">"))
                        .startsWith("250");
                assertThat(client.command("DATA")).startsWith("354");
                client.send(message.content);
                client.send(".\r\n");
                return client.reply();
            }
        }

        private SmtpTestClient authenticated() throws IOException {
            SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT);
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("STARTTLS")).startsWith("220");
            client.startTls(trustingTheServer);
            client.command("EHLO client.test");
            String plain = Base64.getEncoder()
                    .encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
            assertThat(client.command("AUTH PLAIN " + plain)).startsWith("235");
            return client;
        }
    }

    private record Message(String envelopeFrom, List<String> recipients, byte[] content) {}

    private static Message message(String from, String to, String marker) {
        return message(from, List.of(to), marker);
    }

    private static Message message(String from, List<String> to, String marker) {
        String text = "From: <" + from + ">\r\nTo: <" + String.join(">, <", to) + ">\r\nSubject: " + marker
                + "\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + marker + "@sign.test>\r\n\r\nhello "
                + marker + "\r\n";
        return new Message(from, to, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The kinds of message a signature must survive, each dot-stuffed and ending in CRLF. */
    private static Message kindOfMessage(String kind, String from, String marker) {
        String headers = "From: Newsletter <" + from + ">\r\nTo: <" + marker + "@ok.test>\r\nSubject: " + marker
                + "\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + marker + "@sign.test>\r\n";
        String text =
                switch (kind) {
                    case "ascii" -> headers + "\r\nplain body\r\n..a line that began with a dot\r\n";
                    case "eight-bit" -> headers
                            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                            + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Zürich — ünïcödé\r\n";
                    case "long-lines" -> headers + "\r\n" + "x".repeat(990) + "\r\n" + "y ".repeat(400) + "\r\n";
                    case "folded" -> headers.replace(
                                    "Subject: " + marker, "Subject: a folded\r\n\t  subject\r\n " + marker)
                            + "X-Long-Header: one\r\n two  \r\n\tthree\r\n\r\nbody with trailing spaces   \r\n\r\n\r\n";
                    case "multipart" -> headers
                            + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
                            + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhello\r\n"
                            + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>hello</p>\r\n--b1--\r\n";
                    default -> throw new IllegalArgumentException(kind);
                };
        return new Message(from, List.of(marker + "@ok.test"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6532: UTF-8 in header fields, sent with SMTPUTF8. */
    private static Message utf8Message(String from, String marker) {
        String text = "From: Zoë Ärger <" + from + ">\r\nTo: <" + marker + "@ok.test>\r\nSubject: Grüße " + marker
                + "\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + marker + "@sign.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nÜnïcödé überall\r\n";
        return new Message(from, List.of(marker + "@ok.test"), text.getBytes(StandardCharsets.UTF_8));
    }

    // --- reading the API's answers --------------------------------------------------------------------------------

    private static List<String> kinds(JsonObject domain) {
        return domain.getJsonArray("records").stream()
                .map(PublishedDomains::kind)
                .toList();
    }

    private static JsonObject record(JsonObject domain, String kind) {
        return domain.getJsonArray("records").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("kind").equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " record in " + domain));
    }

    private static JsonObject check(JsonObject domain, String kind) {
        return record(domain, kind).getJsonObject("check");
    }

    private static String status(JsonObject domain, String kind) {
        return check(domain, kind).getString("status");
    }

    private static String selector(Sender sender, String algorithm) throws Exception {
        return PublishedDomains.domain(sender.tenant, sender.domain)
                .getJsonArray("selectors")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(s -> s.getString("algorithm").equals(algorithm)
                        && s.getString("state").equals("ACTIVE"))
                .map(s -> s.getString("selector"))
                .findFirst()
                .orElseThrow();
    }

    private static String stateOf(JsonObject domain, String selector) {
        return domain.getJsonArray("selectors").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("selector").equals(selector))
                .map(s -> s.getString("state"))
                .findFirst()
                .orElseThrow();
    }
}

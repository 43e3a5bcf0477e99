package io.outpost.it;

import static io.outpost.it.MessageStories.story;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bounces and complaints coming back to the return path, against the real server: anyone may mail the signed VERP
 * address of a recipient of a queued message, and nothing else at a return-path domain; a DSN mailed there is matched
 * to its recipient, classified, and a hard one suppresses the address with the report as evidence; an ARF report is a
 * complaint that suppresses it too; an out-of-office reply records nothing.
 */
class ReturnPathIT {

    private static ApiSender shop;

    @BeforeAll
    static void aTenantWhoseReturnPathIsVerified() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        shop = ApiSender.create("returns");
    }

    @Test
    void aDsnToTheReturnPathIsMatchedClassifiedAndSuppressesAHardBounce() throws Exception {
        Sent sent = sendAndReceive("rp-dsn");

        String reply =
                mailReport(sent.returnPath(), dsn(sent.returnPath(), sent.to(), "5.1.1", "550 5.1.1 User unknown"));

        assertThat(reply).startsWith("250 2.0.0");
        assertThat(kinds(sent.id()))
                .filteredOn(event -> event.getString("kind").equals("BOUNCED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail"))
                        .startsWith("bounced after delivery (report from 127.0.0.3): 5.1.1 550 5.1.1 User unknown")
                        .endsWith("; bounce class hard"));
        JsonObject entry = PublishedDomains.json(shop.api().get("/suppressions/" + sent.to()), 200)
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(entry.getString("reason")).isEqualTo("hard_bounce");
        assertThat(entry.getString("evidence")).contains("Content-Type: message/delivery-status");
    }

    @Test
    void anArfReportIsAComplaintAndAnOutOfOfficeReplyRecordsNothing() throws Exception {
        Sent sent = sendAndReceive("rp-arf");
        String away = "From: " + sent.to() + "\r\nTo: " + sent.returnPath() + "\r\nSubject: Out of office\r\n"
                + "Auto-Submitted: auto-replied\r\n\r\nBack on Monday.\r\n";

        assertThat(mailReport(sent.returnPath(), away)).startsWith("250 2.0.0");
        assertThat(shop.api().get("/suppressions/" + sent.to()).statusCode()).isEqualTo(404);
        assertThat(mailReport(sent.returnPath(), arf(sent.returnPath(), sent.to())))
                .startsWith("250 2.0.0");

        assertThat(kinds(sent.id()))
                .filteredOn(event -> event.getString("kind").equals("COMPLAINED"))
                .singleElement()
                .satisfies(event -> assertThat(event.getString("detail"))
                        .isEqualTo("complaint (abuse) reported by TestFBL/1.0 from 127.0.0.3"));
        JsonObject entry = PublishedDomains.json(shop.api().get("/suppressions/" + sent.to()), 200)
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(entry.getString("reason")).isEqualTo("complaint");
        assertThat(entry.getString("evidence")).contains("Feedback-Type: abuse");
    }

    @Test
    void onlyReturnPathsOfQueuedRecipientsAreTakenAndNotMixedWithOtherRecipients() throws Exception {
        Sent sent = sendAndReceive("rp-rcpt");
        String domain = sent.returnPath().substring(sent.returnPath().indexOf('@') + 1);
        String local = sent.returnPath().substring(0, sent.returnPath().indexOf('@'));
        char last = local.charAt(local.length() - 1);
        String tampered = local.substring(0, local.length() - 1) + (last == 'a' ? 'b' : 'a') + "@" + domain;

        try (SmtpTestClient client =
                new SmtpTestClient(OutpostUnderTest.SMTP_PORT, InetAddress.getByName("127.0.0.3"))) {
            client.reply();
            client.command("EHLO mx.dest.test");
            assertThat(client.command("MAIL FROM:<>")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + tampered + ">")).isEqualTo("550 5.1.1 No such return path");
            assertThat(client.command("RCPT TO:<someone@" + domain + ">")).startsWith("554 5.7.1 Relay access denied");
            assertThat(client.command("RCPT TO:<" + sent.returnPath() + ">")).startsWith("250");
            assertThat(client.command("RCPT TO:<someone@local.test>"))
                    .isEqualTo("452 4.5.3 Return paths and other recipients go in separate transactions");
            client.command("QUIT");
        }
    }

    private record Sent(String id, String to, String returnPath) {}

    // A message to the test MX, and the VERP return path it arrived with.
    private static Sent sendAndReceive(String prefix) throws Exception {
        String marker = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String to = marker + "@ok.test";
        String id = PublishedDomains.json(
                        shop.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + to + "\"],\"subject\":\""
                                                + marker + "\",\"text\":\"hello\"}"),
                        202)
                .getString("id");
        Transaction transaction =
                TestNetwork.awaitTransactionsContaining(marker, 1).get(0);
        assertThat(transaction.mailFrom()).startsWith("b-").endsWith("@" + "bounces." + shop.domain());
        return new Sent(id, to, transaction.mailFrom());
    }

    static String mailReport(String returnPath, String report) throws Exception {
        try (SmtpTestClient client =
                new SmtpTestClient(OutpostUnderTest.SMTP_PORT, InetAddress.getByName("127.0.0.3"))) {
            client.reply();
            client.command("EHLO mx.dest.test");
            return client.sendMessage("", returnPath, report.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<JsonObject> kinds(String id) throws Exception {
        return story(shop.api(), "/messages/" + id).getJsonArray("events").getValuesAs(JsonValue::asJsonObject);
    }

    private static String dsn(String returnPath, String recipient, String status, String diagnostic) {
        return ("From: MAILER-DAEMON@mx.dest.test\n"
                        + "To: " + returnPath + "\n"
                        + "Subject: Undelivered Mail Returned to Sender\n"
                        + "MIME-Version: 1.0\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\n\n"
                        + "--B1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
                        + "--B1\nContent-Type: message/delivery-status\n\n"
                        + "Reporting-MTA: dns; mx.dest.test\n\n"
                        + "Final-Recipient: rfc822; " + recipient + "\nAction: failed\nStatus: " + status + "\n"
                        + "Diagnostic-Code: smtp; " + diagnostic + "\n\n"
                        + "--B1--\n")
                .replace("\n", "\r\n");
    }

    static String arf(String returnPath, String recipient) {
        return ("From: fbl@provider.test\n"
                        + "To: " + returnPath + "\n"
                        + "Subject: FW: complaint\n"
                        + "MIME-Version: 1.0\n"
                        + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F1\"\n\n"
                        + "--F1\nContent-Type: text/plain\n\nAn abuse report.\n\n"
                        + "--F1\nContent-Type: message/feedback-report\n\n"
                        + "Feedback-Type: abuse\nUser-Agent: TestFBL/1.0\nVersion: 1\n"
                        + "Original-Rcpt-To: <" + recipient + ">\n\n"
                        + "--F1\nContent-Type: text/rfc822-headers\n\nSubject: hello\n\n"
                        + "--F1--\n")
                .replace("\n", "\r\n");
    }
}

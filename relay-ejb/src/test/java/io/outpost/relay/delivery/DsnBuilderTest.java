package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DsnBuilderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Instant ARRIVED = Instant.parse("2026-11-27T09:00:00Z");
    private static final ReversePath SENDER = ReversePath.of(EmailAddress.parse("alice@origin.test"));
    private static final byte[] ORIGINAL = ("From: Alice <alice@origin.test>\r\n"
                    + "To: bob@example.test\r\n"
                    + "Subject: quarterly report\r\n"
                    + "Message-ID: <original-1@origin.test>\r\n"
                    + "\r\n"
                    + "The secret body that must not come back.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final DsnBuilder builder = new DsnBuilder(Domain.of("relay.test"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void buildsAMultipartReportThatJakartaMailParses() throws Exception {
        MimeMessage dsn = parse(builder.build(SENDER, ARRIVED, List.of(bounced(), expired()), ORIGINAL));

        assertThat(dsn.getHeader("From", null)).isEqualTo("Mail Delivery System <MAILER-DAEMON@relay.test>");
        assertThat(dsn.getHeader("To", null)).isEqualTo("<alice@origin.test>");
        assertThat(dsn.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.getSentDate()).isEqualTo(Date.from(NOW));
        assertThat(dsn.getMessageID()).matches("<.+@relay\\.test>");
        assertThat(dsn.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(dsn.isMimeType("multipart/report")).isTrue();
        assertThat(dsn.getContentType()).contains("report-type=delivery-status");

        MimeMultipart report = (MimeMultipart) dsn.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(report.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat((String) report.getBodyPart(0).getContent())
                .contains("<bob@example.test>: mx.example.test[127.0.0.1]:25 said: 550 5.1.1 no such user");
        assertThat(report.getBodyPart(1).isMimeType("message/delivery-status")).isTrue();
        assertThat(report.getBodyPart(2).isMimeType("text/rfc822-headers")).isTrue();
    }

    @Test
    void reportsEachRecipientInTheDeliveryStatus() throws Exception {
        MimeMultipart report =
                (MimeMultipart) parse(builder.build(SENDER, ARRIVED, List.of(bounced(), expired()), ORIGINAL))
                        .getContent();

        List<InternetHeaders> blocks = statusBlocks(report.getBodyPart(1));

        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).getHeader("Reporting-MTA", null)).isEqualTo("dns; relay.test");
        assertThat(blocks.get(0).getHeader("Arrival-Date", null)).isEqualTo("Fri, 27 Nov 2026 09:00:00 +0000");
        InternetHeaders bob = blocks.get(1);
        assertThat(bob.getHeader("Final-Recipient", null)).isEqualTo("rfc822; bob@example.test");
        assertThat(bob.getHeader("Action", null)).isEqualTo("failed");
        assertThat(bob.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(bob.getHeader("Remote-MTA", null)).isEqualTo("dns; mx.example.test");
        assertThat(bob.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 no such user");
        assertThat(bob.getHeader("Last-Attempt-Date", null)).isEqualTo("Sat, 28 Nov 2026 10:00:00 +0000");
        InternetHeaders carol = blocks.get(2);
        assertThat(carol.getHeader("Status", null)).isEqualTo("5.4.7");
        assertThat(carol.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 451 4.4.1 no mail host answered");
        assertThat(carol.getHeader("Remote-MTA", null)).isNull();
    }

    @Test
    void includesOnlyTheOriginalHeaders() throws Exception {
        MimeMultipart report = (MimeMultipart) parse(builder.build(SENDER, ARRIVED, List.of(bounced()), ORIGINAL))
                .getContent();

        String headers = new String(report.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(headers).contains("Subject: quarterly report", "Message-ID: <original-1@origin.test>");
        assertThat(headers).doesNotContain("secret body");
    }

    @Test
    void usesCrlfLineEndingsOnly() throws Exception {
        String dsn = new String(builder.build(SENDER, ARRIVED, List.of(bounced()), ORIGINAL), StandardCharsets.UTF_8);

        assertThat(dsn.replace("\r\n", "")).doesNotContain("\r", "\n");
    }

    @Test
    void usesTheGlobalTypesForUtf8Addresses() throws Exception {
        FailedRecipient jurgen = new FailedRecipient(
                EmailAddress.parse("jürgen@example.test"),
                SmtpReply.of(550, "5.1.1", "unknown"),
                Optional.empty(),
                NOW);

        MimeMultipart report = (MimeMultipart)
                parse(builder.build(SENDER, ARRIVED, List.of(jurgen), ORIGINAL)).getContent();

        assertThat(report.getBodyPart(1).isMimeType("message/global-delivery-status"))
                .isTrue();
        assertThat(statusBlocks(report.getBodyPart(1)).get(1).getHeader("Final-Recipient", null))
                .isEqualTo("utf-8; jürgen@example.test");
    }

    @Test
    void refusesToBounceABounce() throws Exception {
        assertThatThrownBy(() -> builder.build(ReversePath.NULL, ARRIVED, List.of(bounced()), ORIGINAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static FailedRecipient bounced() throws Exception {
        RemoteHost mx = new RemoteHost("mx.example.test", InetAddress.getByName("127.0.0.1"), 25);
        return FailedRecipient.of(
                RecipientOutcome.of(
                        EmailAddress.parse("bob@example.test"),
                        SmtpReply.of(550, "5.1.1", "no such user"),
                        Optional.of(mx)),
                Instant.parse("2026-11-28T10:00:00Z"));
    }

    private static FailedRecipient expired() {
        return new FailedRecipient(
                EmailAddress.parse("carol@example.test"),
                SmtpReply.of(451, "4.4.1", "no mail host answered"),
                Optional.empty(),
                NOW);
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        return new MimeMessage(Session.getInstance(properties), new ByteArrayInputStream(bytes));
    }

    /** The per-message block and each per-recipient block of a delivery-status part (RFC 3464 §2.1). */
    private static List<InternetHeaders> statusBlocks(BodyPart part) throws Exception {
        List<InternetHeaders> blocks = new ArrayList<>();
        try (InputStream in = part.getInputStream()) {
            InputStream buffered = new BufferedInputStream(in);
            while (true) {
                buffered.mark(1);
                if (buffered.read() < 0) {
                    return blocks;
                }
                buffered.reset();
                InternetHeaders block = new InternetHeaders(buffered, true);
                if (!block.getAllHeaderLines().hasMoreElements()) {
                    return blocks;
                }
                blocks.add(block);
            }
        }
    }
}

package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the bounce for recipients that could not be delivered: an RFC 3464 delivery status notification, as raw
 * CRLF message bytes ready to queue.
 *
 * <p>The caller queues it with the null reverse path {@code <>} (RFC 5321 §4.5.5), so a failing bounce is dropped
 * instead of bouncing again. When an address or the original headers are UTF-8, the RFC 6533 {@code message/global-*}
 * types are used, as the report then needs SMTPUTF8 anyway.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class DsnBuilder {

    private static final String CRLF = "\r\n";
    // RFC 5322 §3.3 date-time.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Domain reportingMta;
    private final Clock clock;

    /**
     * @param reportingMta this relay's host name, for Reporting-MTA, the From address and the Message-ID
     * @param clock gives the DSN's Date
     */
    public DsnBuilder(Domain reportingMta, Clock clock) {
        this.reportingMta = reportingMta;
        this.clock = clock;
    }

    /**
     * The DSN to {@code originalSender} about {@code failures} of the message that arrived at {@code arrivalDate}
     * with {@code originalContent}; only the original's header section is included (RFC 3462 text/rfc822-headers).
     *
     * @throws IllegalArgumentException for the null reverse path: a bounce is never sent about a bounce
     */
    public byte[] build(
            ReversePath originalSender, Instant arrivalDate, List<FailedRecipient> failures, byte[] originalContent) {
        EmailAddress sender = originalSender
                .mailbox()
                .orElseThrow(() -> new IllegalArgumentException("no DSN for a message with the null reverse path"));
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a DSN needs at least one failed recipient");
        }
        byte[] originalHeaders = headerSection(originalContent);
        boolean global = sender.needsUtf8()
                || failures.stream().anyMatch(f -> f.recipient().needsUtf8())
                || MessageContent.of(originalHeaders).eightBit();
        String boundary = "=_dsn_" + UUID.randomUUID();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, headers(sender, boundary));
        write(out, "This is a MIME-encapsulated delivery status notification (RFC 3464)." + CRLF + CRLF);
        write(out, "--" + boundary + CRLF);
        write(out, humanReadable(failures));
        write(out, "--" + boundary + CRLF);
        write(out, deliveryStatus(arrivalDate, failures, global));
        write(out, "--" + boundary + CRLF);
        write(out, "Content-Type: " + (global ? "message/global-headers" : "text/rfc822-headers") + CRLF);
        write(out, "Content-Description: Headers of the undelivered message" + CRLF + CRLF);
        out.writeBytes(originalHeaders);
        write(out, "--" + boundary + "--" + CRLF);
        return out.toByteArray();
    }

    private String headers(EmailAddress sender, String boundary) {
        Instant now = clock.instant();
        return "From: Mail Delivery System <MAILER-DAEMON@" + reportingMta.name() + ">" + CRLF
                + "To: <" + sender + ">" + CRLF
                + "Subject: Undelivered Mail Returned to Sender" + CRLF
                + "Date: " + DATE.format(now) + CRLF
                + "Message-ID: <" + UUID.randomUUID() + "@" + reportingMta.name() + ">" + CRLF
                // RFC 3834 §5: automatic responders must not answer this.
                + "Auto-Submitted: auto-replied" + CRLF
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: multipart/report; report-type=delivery-status;" + CRLF
                + "\tboundary=\"" + boundary + "\"" + CRLF
                + CRLF;
    }

    private String humanReadable(List<FailedRecipient> failures) {
        StringBuilder text = new StringBuilder();
        text.append("Content-Type: text/plain; charset=UTF-8").append(CRLF);
        text.append("Content-Transfer-Encoding: 8bit").append(CRLF);
        text.append("Content-Description: Notification").append(CRLF).append(CRLF);
        text.append("This is the mail system at host ")
                .append(reportingMta)
                .append('.')
                .append(CRLF)
                .append(CRLF);
        text.append("Your message could not be delivered to one or more recipients.")
                .append(CRLF);
        text.append("The reasons are given below.").append(CRLF).append(CRLF);
        for (FailedRecipient failure : failures) {
            text.append('<').append(failure.recipient()).append(">: ");
            failure.remoteMta().ifPresent(host -> text.append(host).append(" said: "));
            text.append(failure.reply()).append(CRLF);
        }
        return text.append(CRLF).toString();
    }

    private String deliveryStatus(Instant arrivalDate, List<FailedRecipient> failures, boolean global) {
        StringBuilder status = new StringBuilder();
        status.append("Content-Type: ")
                .append(global ? "message/global-delivery-status" : "message/delivery-status")
                .append(CRLF);
        status.append("Content-Description: Delivery report").append(CRLF).append(CRLF);
        // RFC 3464 §2.2: per-message fields, then one block per recipient (§2.3), blocks separated by a blank line.
        status.append("Reporting-MTA: dns; ").append(reportingMta.ascii()).append(CRLF);
        status.append("Arrival-Date: ").append(DATE.format(arrivalDate)).append(CRLF);
        for (FailedRecipient failure : failures) {
            status.append(CRLF);
            // RFC 6533 §3: the "utf-8" address type carries a non-ASCII address.
            String addressType = failure.recipient().needsUtf8() ? "utf-8" : "rfc822";
            status.append("Final-Recipient: ")
                    .append(addressType)
                    .append("; ")
                    .append(failure.recipient())
                    .append(CRLF);
            status.append("Action: failed").append(CRLF);
            status.append("Status: ").append(failure.status()).append(CRLF);
            failure.remoteMta().ifPresent(host -> status.append("Remote-MTA: dns; ")
                    .append(host.hostname())
                    .append(CRLF));
            status.append("Diagnostic-Code: smtp; ").append(failure.reply()).append(CRLF);
            status.append("Last-Attempt-Date: ")
                    .append(DATE.format(failure.lastAttempt()))
                    .append(CRLF);
        }
        return status.append(CRLF).toString();
    }

    /**
     * The header section up to and including the CRLF before the blank line (RFC 5322 §2.1); all of a message without
     * body, ending in CRLF so the next boundary starts on a line of its own (RFC 2046 §5.1.1).
     */
    private static byte[] headerSection(byte[] content) {
        for (int i = 0; i + 3 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] == '\r' && content[i + 3] == '\n') {
                return Arrays.copyOf(content, i + 2);
            }
        }
        int length = content.length;
        boolean endsWithCrlf = length >= 2 && content[length - 2] == '\r' && content[length - 1] == '\n';
        if (endsWithCrlf) {
            return content;
        }
        byte[] terminated = Arrays.copyOf(content, length + 2);
        terminated[length] = '\r';
        terminated[length + 1] = '\n';
        return terminated;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}

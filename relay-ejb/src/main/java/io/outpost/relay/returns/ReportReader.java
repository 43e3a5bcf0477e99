package io.outpost.relay.returns;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Reads mail that came back to a return path: a {@code multipart/report} of type {@code delivery-status} (RFC 3464, with
 * Angus Mail's parser of its fields) or {@code feedback-report} (ARF, RFC 5965), else a bounce that is no DSN, told from
 * an out-of-office reply by what it says. Never throws: mail it cannot read is {@link ReturnedReport.Nothing}.
 */
final class ReportReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    // RFC 3463 §2: class.subject.detail, found anywhere in a bounce's words.
    private static final Pattern ENHANCED = Pattern.compile("\\b([45]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern FAILURE = Pattern.compile(
            "undeliver|delivery (status notification \\(failure\\)|has failed|failed|failure)|returned mail"
                    + "|failure notice|could not be delivered|permanent(ly)? (error|failure)",
            Pattern.CASE_INSENSITIVE);
    // RFC 3464 §2.3.6: diagnostic-type ";" text, e.g. "smtp; 550 5.1.1 user unknown".
    private static final Pattern DIAGNOSTIC_TYPE = Pattern.compile("^\\s*[A-Za-z0-9-]+\\s*;\\s*");

    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud");

    /** The most text of a plain bounce read for its status and words. */
    private static final int MAX_TEXT = 64 * 1024;

    private ReportReader() {}

    static ReturnedReport read(byte[] content) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(content));
            if (message.isMimeType("multipart/report")) {
                String type = Optional.ofNullable(new ContentType(message.getContentType()).getParameter("report-type"))
                        .orElse("")
                        .toLowerCase(Locale.ROOT);
                Multipart parts = (Multipart) message.getContent();
                if (type.equals("delivery-status")) {
                    return deliveryStatus(parts);
                }
                if (type.equals("feedback-report")) {
                    return feedback(parts);
                }
            }
            return plain(message);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ReturnedReport.Nothing("not readable: " + e.getMessage());
        }
    }

    // RFC 3464 §2.3: per-recipient fields after the per-message ones; a VERP address names one recipient, so the first
    // that failed is the one.
    private static ReturnedReport deliveryStatus(Multipart parts) throws MessagingException, IOException {
        // RFC 6533 §6.1: an internationalised DSN carries message/global-delivery-status, of the same fields in UTF-8.
        Optional<BodyPart> report = part(parts, "message/delivery-status");
        if (report.isEmpty()) {
            report = part(parts, "message/global-delivery-status");
        }
        if (report.isEmpty()) {
            return new ReturnedReport.Nothing("a delivery-status report without its message/delivery-status part");
        }
        DeliveryStatus status;
        try (InputStream in = report.get().getInputStream()) {
            status = new DeliveryStatus(in);
        }
        for (int i = 0; i < status.getRecipientDSNCount(); i++) {
            InternetHeaders recipient = status.getRecipientDSN(i);
            String action = field(recipient, "Action").toLowerCase(Locale.ROOT);
            if (action.equals("failed")) {
                String code = field(recipient, "Status");
                Matcher enhanced = ENHANCED.matcher(code);
                String diagnostic = DIAGNOSTIC_TYPE
                        .matcher(field(recipient, "Diagnostic-Code"))
                        .replaceFirst("");
                return new ReturnedReport.Failed(
                        enhanced.find() ? enhanced.group(1) : "5.0.0", diagnostic.isEmpty() ? code : diagnostic);
            }
        }
        return new ReturnedReport.Nothing("a delivery-status report with no failed recipient (delayed or delivered)");
    }

    // RFC 5965 §7.3: of the feedback types, "abuse" (unwanted mail) and "fraud" (phishing in its name) are complaints;
    // "virus", "other", "not-spam" and RFC 6591's "auth-failure" say nothing the recipient asked for.
    private static ReturnedReport feedback(Multipart parts) throws MessagingException, IOException {
        Optional<BodyPart> report = part(parts, "message/feedback-report");
        if (report.isEmpty()) {
            return new ReturnedReport.Nothing("a feedback report without its message/feedback-report part");
        }
        InternetHeaders fields;
        try (InputStream in = report.get().getInputStream()) {
            fields = new InternetHeaders(in);
        }
        String type = field(fields, "Feedback-Type").toLowerCase(Locale.ROOT);
        if (!COMPLAINTS.contains(type)) {
            return new ReturnedReport.Nothing("a feedback report of type " + (type.isEmpty() ? "none" : type));
        }
        return new ReturnedReport.Complaint(type, field(fields, "User-Agent"));
    }

    // A bounce that is no DSN says so in its subject or words, and usually names a status code.
    private static ReturnedReport plain(MimeMessage message) throws MessagingException, IOException {
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        String text = text(message);
        if (!FAILURE.matcher(subject).find() && !FAILURE.matcher(text).find()) {
            // RFC 3834 §5: out-of-office and other automatic replies; or anything else that is no bounce.
            return new ReturnedReport.Nothing("no bounce: " + (subject.isEmpty() ? "(no subject)" : subject));
        }
        Matcher code = ENHANCED.matcher(text);
        String status = code.find() ? code.group(1) : "5.0.0";
        if (status.startsWith("4")) {
            return new ReturnedReport.Nothing("a delay notice (" + status + ")");
        }
        return new ReturnedReport.Failed(status, text.strip().replaceAll("\\s+", " "));
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
            return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                String text = text(parts.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static Optional<BodyPart> part(Multipart parts, String type) throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return Optional.of(parts.getBodyPart(i));
            }
        }
        return Optional.empty();
    }

    private static String field(InternetHeaders headers, String name) {
        return Optional.ofNullable(headers.getHeader(name, " ")).orElse("").strip();
    }
}

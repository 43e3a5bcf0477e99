package io.outpost.web.messages;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes a {@link Composition} as an RFC 5322 message with MIME (Jakarta Mail): UTF-8 text and HTML as
 * multipart/alternative, inline images in multipart/related and attachments in multipart/mixed, encoded words for non-ASCII header text, a transfer encoding Jakarta Mail picks for each part
 * (quoted-printable or base64 when the text is not 7-bit or has long lines), CRLF line ends. No Message-ID or Date:
 * intake adds them as for any submission.
 */
public final class MimeComposer {

    private final Session session = Session.getInstance(strictLineEnds(false));
    // RFC 6532 §3.2: a message to or from an internationalised address carries it in UTF-8 in its header fields.
    private final Session utf8Session = Session.getInstance(strictLineEnds(true));

    // A text-like file with bare CR or LF line ends (CSV, JSON, SVG) would go as 7bit with them, which RFC 5321 §2.3.8
    // forbids on the wire: with this set, Jakarta Mail encodes such a part (base64) instead.
    private static Properties strictLineEnds(boolean utf8Headers) {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.encodeeol.strict", "true");
        properties.setProperty("mail.mime.allowutf8", Boolean.toString(utf8Headers));
        return properties;
    }

    public byte[] compose(Composition message) {
        try {
            boolean utf8 = internationalised(message);
            MimeMessage mime = new WithoutMessageId(utf8 ? utf8Session : session);
            mime.setFrom(encoded(message.from()));
            mime.setRecipients(RecipientType.TO, encoded(message.to()));
            if (!message.cc().isEmpty()) {
                mime.setRecipients(RecipientType.CC, encoded(message.cc()));
            }
            if (message.replyTo().isPresent()) {
                mime.setReplyTo(new InternetAddress[] {encoded(message.replyTo().get())});
            }
            mime.setSubject(message.subject(), "UTF-8");
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                mime.addHeader(
                        header.getKey(),
                        MimeUtility.fold(
                                header.getKey().length() + 2,
                                MimeUtility.encodeText(header.getValue(), "UTF-8", null)));
            }
            setBody(mime, message);
            mime.saveChanges();
            // saveChanges() stamps a Date; intake adds the one of the moment the message is accepted.
            mime.removeHeader("Date");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(new BlockLineOutput(out, utf8));
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot compose the message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body, innermost first: the text and HTML as alternatives (RFC 2046 §5.1.4); with inline parts, the body and
     * those in multipart/related (RFC 2387), the body first as its root; with attachments, all that first in
     * multipart/mixed (RFC 2046 §5.1.3), then the files.
     */
    private static void setBody(MimeMessage mime, Composition message) throws MessagingException {
        List<Attachment> inline =
                message.attachments().stream().filter(Attachment::inline).toList();
        List<Attachment> files =
                message.attachments().stream().filter(a -> !a.inline()).toList();
        if (inline.isEmpty() && files.isEmpty()) {
            setText(mime, message);
            return;
        }
        MimeBodyPart body = new MimeBodyPart();
        setText(body, message);
        if (!inline.isEmpty()) {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(body);
            for (Attachment attachment : inline) {
                related.addBodyPart(file(attachment));
            }
            if (files.isEmpty()) {
                mime.setContent(related);
                return;
            }
            body = new MimeBodyPart();
            body.setContent(related);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (Attachment attachment : files) {
            mixed.addBodyPart(file(attachment));
        }
        mime.setContent(mixed);
    }

    private static void setText(MimePart part, Composition message) throws MessagingException {
        if (message.text().isPresent() && message.html().isPresent()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(message.text().get(), "plain"));
            alternative.addBodyPart(part(message.html().get(), "html"));
            part.setContent(alternative, alternative.getContentType());
        } else if (message.html().isPresent()) {
            setText(part, message.html().get(), "html");
        } else {
            setText(part, message.text().orElseThrow(), "plain");
        }
    }

    // The text goes in as its UTF-8 bytes: Jakarta Mail copies them in blocks, where from a String its text handler
    // writes
    // them one byte per call (a profile of batches found that a twentieth of the server's CPU).
    // The transfer encoding is Jakarta Mail's choice from the bytes (RFC 2045 §6): 7bit for ASCII with lines of at most
    // 998 octets, quoted-printable or base64 for anything else. Asked here of the bytes as a DataSource, which it reads
    // in blocks; left to saveChanges, it writes the part through a checking stream one byte at a time.
    private static void setText(MimePart part, String text, String subtype) throws MessagingException {
        ByteArrayDataSource bytes = new ByteArrayDataSource(
                crlf(text).getBytes(StandardCharsets.UTF_8), "text/" + subtype + "; charset=UTF-8");
        part.setDataHandler(new DataHandler(bytes));
        part.setHeader("Content-Type", bytes.getContentType());
        part.setHeader("Content-Transfer-Encoding", MimeUtility.getEncoding(bytes));
    }

    private static MimeBodyPart file(Attachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        // RFC 2231 parameter encoding for a non-ASCII name, which Jakarta Mail applies by default.
        part.setFileName(attachment.fileName());
        part.setDisposition(attachment.inline() ? Part.INLINE : Part.ATTACHMENT);
        if (attachment.inline()) {
            part.setContentID("<" + attachment.contentId().orElseThrow() + ">");
        }
        return part;
    }

    private static boolean internationalised(Composition message) {
        return Stream.of(
                        List.of(message.from()),
                        message.to(),
                        message.cc(),
                        message.replyTo().stream().toList())
                .flatMap(List::stream)
                .anyMatch(address -> !address.getAddress().chars().allMatch(c -> c < 0x80));
    }

    // RFC 2047 §5: a display name with non-ASCII characters must be an encoded word; a parsed address keeps the raw
    // phrase, so it is built again from its parts.
    private static InternetAddress encoded(InternetAddress address) throws UnsupportedEncodingException {
        return new InternetAddress(address.getAddress(), address.getPersonal(), "UTF-8");
    }

    private static InternetAddress[] encoded(List<InternetAddress> addresses) throws UnsupportedEncodingException {
        InternetAddress[] result = new InternetAddress[addresses.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = encoded(addresses.get(i));
        }
        return result;
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        setText(part, text, subtype);
        return part;
    }

    // RFC 5322 §2.3: lines end in CRLF; a bare CR or LF from JSON would reach the wire (and the DKIM body hash) as is.
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** Leaves the Message-ID to intake, which names it after this relay as for every submission. */
    private static final class WithoutMessageId extends MimeMessage {

        WithoutMessageId(Session session) {
            super(session);
        }

        @Override
        protected void updateMessageID() {
            // intake adds one
        }
    }
}

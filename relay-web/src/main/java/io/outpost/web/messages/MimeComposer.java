package io.outpost.web.messages;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a {@link Composition} as an RFC 5322 message with MIME (Jakarta Mail): UTF-8 text and HTML as
 * multipart/alternative, encoded words for non-ASCII header text, a transfer encoding Jakarta Mail picks for each part
 * (quoted-printable or base64 when the text is not 7-bit or has long lines), CRLF line ends. No Message-ID or Date:
 * intake adds them as for any submission.
 */
final class MimeComposer {

    private final Session session = Session.getInstance(new Properties());

    byte[] compose(Composition message) {
        try {
            MimeMessage mime = new WithoutMessageId(session);
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
            if (message.text().isPresent() && message.html().isPresent()) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(part(message.text().get(), "plain"));
                alternative.addBodyPart(part(message.html().get(), "html"));
                mime.setContent(alternative);
            } else if (message.html().isPresent()) {
                mime.setText(crlf(message.html().get()), "UTF-8", "html");
            } else {
                mime.setText(crlf(message.text().orElseThrow()), "UTF-8", "plain");
            }
            mime.saveChanges();
            // saveChanges() stamps a Date; intake adds the one of the moment the message is accepted.
            mime.removeHeader("Date");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot compose the message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        part.setText(crlf(text), "UTF-8", subtype);
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

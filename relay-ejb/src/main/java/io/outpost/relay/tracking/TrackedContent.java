package io.outpost.relay.tracking;

import io.outpost.relay.content.MessageContent;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * A message with its tracking put in, before it is signed: its HTML parts (and, when asked, text parts) rewritten by a
 * {@link LinkRewriter}, wherever they sit in its MIME tree; attachments and attached messages are left alone. The
 * rewritten parts are encoded again (as Jakarta Mail chooses); the header fields keep theirs, the Message-ID included,
 * and other parts keep their content, though Jakarta Mail may add a Content-Transfer-Encoding or charset they lacked.
 */
public final class TrackedContent {

    /** Messages larger than this are sent untracked: rewriting parses the whole message in memory. */
    public static final long MAX_OCTETS = 16L * 1024 * 1024;

    private static final Session SESSION = session();

    private TrackedContent() {}

    private static Session session() {
        Properties properties = new Properties();
        // RFC 2045 §6.7: line ends in HTML and text are CRLF in quoted-printable, never encoded as =0D=0A.
        properties.setProperty("mail.mime.encodeeol.strict", "true");
        return Session.getInstance(properties);
    }

    /** The message with its tracking in, or empty when there was nothing to track (no HTML part, too large). */
    public static Optional<MessageContent> rewrite(MessageContent content, LinkRewriter rewriter) {
        if (content.size() > MAX_OCTETS) {
            return Optional.empty();
        }
        // Read from its spool first: a disk that fails is the queue's trouble (451), not the message's.
        byte[] bytes = content.toByteArray();
        try {
            MimeMessage message = new KeepingMessageId(new ByteArrayInputStream(bytes));
            if (!rewrite(message, rewriter)) {
                return Optional.empty();
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4096);
            message.writeTo(out);
            return Optional.of(MessageContent.of(out.toByteArray()));
        } catch (IOException | MessagingException | RuntimeException e) {
            // A message Jakarta Mail cannot take apart (an unknown charset, broken base64) is sent as it came,
            // untracked, rather than refused or held.
            return Optional.empty();
        }
    }

    private static boolean rewrite(Part part, LinkRewriter rewriter) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return false;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            boolean changed = false;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                changed |= rewrite(child, rewriter);
            }
            return changed;
        }
        if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
            ((MimePart) part).setText(rewriter.html(html), "UTF-8", "html");
            return true;
        }
        if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
            String rewritten = rewriter.text(text);
            if (!rewritten.equals(text)) {
                ((MimePart) part).setText(rewritten, "UTF-8", "plain");
                return true;
            }
        }
        return false;
    }

    // Jakarta Mail gives a message a new Message-ID when its changes are saved: this one keeps the one it has.
    private static final class KeepingMessageId extends MimeMessage {

        KeepingMessageId(InputStream in) throws MessagingException {
            super(SESSION, in);
        }

        @Override
        protected void updateMessageID() {}
    }
}

package io.outpost.web.messages;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;

/**
 * A stored message as the API shows it, raw ({@code message/rfc822}, the exact bytes) or parsed: every header field
 * in order, those Outpost added included (DKIM-Signature, Received, Message-ID, Date), and each leaf MIME part with its
 * type, disposition, file name, content-id and size, and the decoded text of text parts. Parsed with Jakarta Mail
 * (Angus in the server), never by hand.
 */
public final class MessageContentJson {

    /** The text of a text part shown in the parsed view; longer texts are cut, the raw view has them whole. */
    static final int MAX_TEXT = 64 * 1024;

    /** Multiparts nested deeper than this are not opened: a message built to overflow the stack stays a 200. */
    static final int MAX_DEPTH = 50;

    // RFC 6532: header fields in UTF-8, as an SMTPUTF8 message has them.
    private static final Session SESSION = Session.getInstance(utf8Headers());

    private static Properties utf8Headers() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        return properties;
    }

    private MessageContentJson() {}

    // Counted, not kept: a part may be most of a 25 MB message.
    private static long decodedSize(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * The stored bytes of message {@code id} in {@code scope} (a tenant, or every tenant for an admin), exactly, as
     * {@code message/rfc822} (RFC 2046 §5.2.1); 404 for an unknown id, another tenant's message, a refused one or one
     * whose content the retention purged.
     */
    public static Response raw(QueueStore queue, String id, Optional<TenantId> scope) throws NoSuchEntryException {
        return Response.ok(content(queue, id, scope), "message/rfc822").build();
    }

    /** The same message's header fields and MIME parts as JSON; 404 as for {@link #raw}. */
    public static String parsed(QueueStore queue, String id, Optional<TenantId> scope) throws NoSuchEntryException {
        long messageId = MessageIds.parse(id).orElseThrow(MessageIds::notFound);
        return parsed(messageId, content(queue, id, scope));
    }

    private static byte[] content(QueueStore queue, String id, Optional<TenantId> scope) throws NoSuchEntryException {
        return MessageIds.parse(id)
                .flatMap(messageId -> queue.content(messageId, scope))
                .orElseThrow(MessageIds::notFound);
    }

    static String parsed(long id, byte[] content) {
        try {
            // Shared: the parts read slices of these bytes rather than copies.
            MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(content));
            JsonArrayBuilder headers = CachedJson.createArrayBuilder();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
                Header header = all.nextElement();
                headers.add(CachedJson.createObjectBuilder()
                        .add("name", header.getName())
                        .add("value", header.getValue()));
            }
            JsonArrayBuilder parts = CachedJson.createArrayBuilder();
            addParts(message, "1", 0, parts);
            return CachedJson.createObjectBuilder()
                    .add("id", Long.toString(id))
                    .add("sizeOctets", content.length)
                    .add("headers", headers)
                    .add("parts", parts)
                    .build()
                    .toString();
        } catch (MessagingException | IOException e) {
            // A stored message Jakarta Mail cannot read: the raw view still has it.
            return CachedJson.createObjectBuilder()
                    .add("id", Long.toString(id))
                    .add("sizeOctets", content.length)
                    .add("unreadable", String.valueOf(e.getMessage()))
                    .build()
                    .toString();
        }
    }

    private static void addParts(Part part, String path, int depth, JsonArrayBuilder parts)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && depth < MAX_DEPTH) {
            MimeMultipart multipart = (MimeMultipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                addParts(child, path + "." + (i + 1), depth + 1, parts);
            }
            return;
        }
        JsonObjectBuilder leaf =
                CachedJson.createObjectBuilder().add("path", path).add("contentType", part.getContentType());
        if (part.getDisposition() != null) {
            leaf.add("disposition", part.getDisposition());
        }
        if (part.getFileName() != null) {
            leaf.add("fileName", part.getFileName());
        }
        String[] contentId = part.getHeader("Content-ID");
        if (contentId != null && contentId.length > 0) {
            leaf.add("contentId", contentId[0]);
        }
        try {
            leaf.add("sizeOctets", decodedSize(part));
            if (part.isMimeType("text/*") && part.getContent() instanceof String text) {
                leaf.add("text", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT));
            }
        } catch (MessagingException | IOException e) {
            // One part Jakarta Mail cannot decode (an unknown charset, a broken encoding): the others are still shown.
            leaf.add("unreadable", String.valueOf(e.getMessage()));
        }
        parts.add(leaf);
    }
}

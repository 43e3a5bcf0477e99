package io.outpost.web.messages;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
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

    private MessageContentJson() {}

    /** The exact bytes, as {@code message/rfc822} (RFC 2046 §5.2.1). */
    public static Response raw(byte[] content) {
        return Response.ok(content, "message/rfc822").build();
    }

    /** The parsed view as JSON. */
    public static String parsed(long id, byte[] content) {
        try {
            MimeMessage message =
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content));
            JsonArrayBuilder headers = Json.createArrayBuilder();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
                Header header = all.nextElement();
                headers.add(
                        Json.createObjectBuilder().add("name", header.getName()).add("value", header.getValue()));
            }
            JsonArrayBuilder parts = Json.createArrayBuilder();
            addParts(message, "1", parts);
            return Json.createObjectBuilder()
                    .add("id", Long.toString(id))
                    .add("sizeOctets", content.length)
                    .add("headers", headers)
                    .add("parts", parts)
                    .build()
                    .toString();
        } catch (MessagingException | IOException e) {
            // A stored message Jakarta Mail cannot read: the raw view still has it.
            return Json.createObjectBuilder()
                    .add("id", Long.toString(id))
                    .add("sizeOctets", content.length)
                    .add("unreadable", String.valueOf(e.getMessage()))
                    .build()
                    .toString();
        }
    }

    private static void addParts(Part part, String path, JsonArrayBuilder parts)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = (MimeMultipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                addParts(child, path + "." + (i + 1), parts);
            }
            return;
        }
        JsonObjectBuilder leaf = Json.createObjectBuilder().add("path", path).add("contentType", part.getContentType());
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
        byte[] decoded;
        try (InputStream in = part.getInputStream()) {
            decoded = in.readAllBytes();
        }
        leaf.add("sizeOctets", decoded.length);
        if (part.isMimeType("text/*")) {
            String text = part.getContent() instanceof String s ? s : new String(decoded, StandardCharsets.UTF_8);
            leaf.add("text", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT));
        }
        parts.add(leaf);
    }
}

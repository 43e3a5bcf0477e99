package io.outpost.web.messages;

import io.outpost.web.json.RequestFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a request's {@code "attachments": [{"fileName": "invoice.pdf", "contentType": "application/pdf", "content":
 * "JVBERi0…", "contentId": "logo@shop"}]}: of a message, a batch or a template version. An attachment's {@code
 * content} is base64 (RFC 4648 §4, no line breaks); one with a {@code contentId} is shown inline.
 */
public final class AttachmentRequest {

    /** Files per message at most: more is not a message a person reads, and every part costs parsing downstream. */
    static final int MAX_ATTACHMENTS = 100;

    // RFC 2392 §2: a content-id is an addr-spec-like id; no angle brackets (Outpost adds them), no white space.
    private static final Pattern CONTENT_ID = Pattern.compile("[!-;=?-~]{1,250}");

    private AttachmentRequest() {}

    /** The request's {@code attachments}, each unusable one named in {@code fields}; none when it has none. */
    public static List<Attachment> parse(RequestFields fields, JsonObject body) {
        List<Attachment> attachments = new ArrayList<>();
        if (body == null || !body.containsKey("attachments") || body.isNull("attachments")) {
            return attachments;
        }
        if (!(body.get("attachments") instanceof JsonArray array)) {
            fields.reject("attachments", "must be an array of attachments");
            return attachments;
        }
        if (array.size() > MAX_ATTACHMENTS) {
            fields.reject("attachments", "at most " + MAX_ATTACHMENTS + " attachments");
            return attachments;
        }
        for (int i = 0; i < array.size(); i++) {
            String name = "attachments[" + i + "]";
            if (!(array.get(i) instanceof JsonObject object)) {
                fields.reject(name, "must be an object with fileName, contentType and content");
                continue;
            }
            Optional<String> fileName = member(fields, object, name + ".fileName", AttachmentRequest::fileName, true);
            Optional<String> contentType =
                    member(fields, object, name + ".contentType", AttachmentRequest::contentType, true);
            Optional<byte[]> content = member(fields, object, name + ".content", AttachmentRequest::base64, true);
            Optional<String> contentId =
                    member(fields, object, name + ".contentId", AttachmentRequest::contentId, false);
            if (fileName.isPresent() && contentType.isPresent() && content.isPresent()) {
                attachments.add(new Attachment(fileName.get(), contentType.get(), content.get(), contentId));
            }
        }
        return attachments;
    }

    // One string member of an attachment, parsed; a missing required one, a non-string or a parse failure is rejected.
    private static <T> Optional<T> member(
            RequestFields fields, JsonObject object, String name, Function<String, T> parser, boolean required) {
        String key = name.substring(name.lastIndexOf('.') + 1);
        if (!object.containsKey(key) || object.isNull(key)) {
            if (required) {
                fields.reject(name, "is required");
            }
            return Optional.empty();
        }
        if (!(object.get(key) instanceof JsonString text)) {
            fields.reject(name, "must be a string");
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.getString()));
        } catch (IllegalArgumentException e) {
            fields.reject(name, e.getMessage());
            return Optional.empty();
        }
    }

    private static String fileName(String text) {
        if (text.isBlank() || text.length() > 255 || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("must be 1 to 255 characters, no control characters");
        }
        if (text.contains("/") || text.contains("\\")) {
            // A name, not a path: a client that saves it must not be led into another folder.
            throw new IllegalArgumentException("must be a file name, not a path");
        }
        return text;
    }

    private static String contentType(String text) {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // A line break in a parameter would end up in the part's header section.
            throw new IllegalArgumentException("must be one line without control characters");
        }
        try {
            ContentType type = new ContentType(text);
            if (type.getPrimaryType().equalsIgnoreCase("multipart")
                    || type.getPrimaryType().equalsIgnoreCase("message")) {
                throw new IllegalArgumentException("must be the type of a file, not multipart/* or message/*");
            }
            return type.toString();
        } catch (ParseException e) {
            throw new IllegalArgumentException("is not a MIME type such as application/pdf");
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 (RFC 4648 §4) without line breaks");
        }
    }

    private static String contentId(String text) {
        if (!CONTENT_ID.matcher(text).matches()) {
            throw new IllegalArgumentException("must be 1 to 250 visible characters without <, > or spaces");
        }
        return text;
    }
}

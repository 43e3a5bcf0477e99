package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON body of {@code POST /api/v1/messages} into a {@link Composition}, naming every unusable field in one
 * 400 answer.
 *
 * <pre>{@code
 * {"from": "Shop <news@shop.example>", "to": ["ann@example.net"], "cc": [], "bcc": [], "replyTo": "help@shop.example",
 *  "subject": "Spring sale", "text": "plain text", "html": "<p>html</p><img src=\"cid:logo@shop\">",
 *  "headers": {"X-Campaign": "spring"},
 *  "attachments": [{"fileName": "invoice.pdf", "contentType": "application/pdf", "content": "JVBERi0…"},
 *                  {"fileName": "logo.png", "contentType": "image/png", "content": "iVBOR…", "contentId": "logo@shop"}]}
 * }</pre>
 *
 * <p>An attachment's {@code content} is base64 (RFC 4648 §4, no line breaks); one with a {@code contentId} is shown
 * inline, and needs {@code html} to show it in.
 */
final class MessageRequest {

    /** Longest subject, in characters: more is no subject a reader sees, and a way to bloat every message. */
    static final int MAX_SUBJECT = 998;

    // RFC 5322 §3.6.8: field-name = 1*ftext, printable ASCII but ":".
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}");

    /** Header fields the API writes itself, or that only a relay or MIME may write: never from the caller. */
    private static final Set<String> RESERVED = Set.of(
            "from",
            "to",
            "cc",
            "bcc",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "sender",
            "received",
            "return-path",
            "dkim-signature",
            // Over HTTP the request's own "stream" field names the stream.
            "x-outpost-stream",
            "arc-seal",
            "arc-message-signature",
            "arc-authentication-results",
            "authentication-results",
            "mime-version",
            "content-type",
            "content-transfer-encoding");

    private MessageRequest() {}

    static Composition parse(JsonObject body, int maxRecipients) {
        return parse(body, maxRecipients, Optional.empty(), List.of());
    }

    /**
     * As {@link #parse(JsonObject, int)}, with the subject, text and html a template rendered when {@code rendered} is
     * given: the request then names none of them itself. The template's files come first among the attachments.
     */
    static Composition parse(
            JsonObject body, int maxRecipients, Optional<RenderedMessage> rendered, List<Attachment> templateFiles) {
        RequestFields fields = new RequestFields(body);
        if (rendered.isPresent()) {
            for (String own : List.of("subject", "text", "html")) {
                if (body != null && body.containsKey(own)) {
                    fields.reject(own, "give either a template or subject, text and html");
                }
            }
        }
        Optional<InternetAddress> from = fields.required("from", MessageRequest::address);
        List<InternetAddress> to = fields.requiredList("to", MessageRequest::address);
        List<InternetAddress> cc = optionalList(fields, body, "cc");
        List<InternetAddress> bcc = optionalList(fields, body, "bcc");
        Optional<InternetAddress> replyTo = fields.optional("replyTo", MessageRequest::address);
        Optional<String> subject = rendered.isPresent()
                ? renderedSubject(fields, rendered.get())
                : fields.required("subject", MessageRequest::subject);
        Optional<String> text = rendered.isPresent() ? rendered.get().text() : fields.optional("text", s -> s);
        Optional<String> html = rendered.isPresent() ? rendered.get().html() : fields.optional("html", s -> s);
        Map<String, String> headers = headers(fields, body);
        List<Attachment> attachments = new ArrayList<>(templateFiles);
        attachments.addAll(AttachmentRequest.parse(fields, body));
        if (html.isEmpty() && attachments.stream().anyMatch(Attachment::inline)) {
            fields.reject("html", "inline attachments (with a contentId) need html to show them in");
        }
        if (body != null && body.get("to") instanceof JsonArray array && array.isEmpty()) {
            fields.reject("to", "needs at least one recipient");
        }
        if (to.size() + cc.size() + bcc.size() > maxRecipients) {
            fields.reject("to", "at most " + maxRecipients + " recipients in to, cc and bcc together");
        }
        if (text.isEmpty() && html.isEmpty()) {
            fields.reject("text", "give text, html or both");
        }
        fields.check();
        return new Composition(
                from.orElseThrow(), to, cc, bcc, replyTo, subject.orElseThrow(), text, html, headers, attachments);
    }

    private static Optional<String> renderedSubject(RequestFields fields, RenderedMessage rendered) {
        try {
            return Optional.of(subject(rendered.subject()));
        } catch (IllegalArgumentException e) {
            fields.reject(TemplateUse.FIELD + ".data", "subject " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<InternetAddress> optionalList(RequestFields fields, JsonObject body, String name) {
        if (body == null || !body.containsKey(name) || body.isNull(name)) {
            return List.of();
        }
        return fields.requiredList(name, MessageRequest::address);
    }

    /**
     * One mailbox, {@code a@b.example} or {@code Name <a@b.example>}; an internationalised one ({@code jörg@bücher.example},
     * RFC 6531) too: the message then goes with SMTPUTF8, to servers that offer it.
     */
    static InternetAddress address(String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            String mailbox = address.getAddress();
            if (address.isGroup() || mailbox == null || mailbox.indexOf('@') < 1) {
                throw new IllegalArgumentException("must be one address such as ann@example.net");
            }
            // The same rules as an SMTP path (length, domain syntax), so the envelope can carry it.
            EmailAddress.parse(mailbox);
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("is not an address: " + e.getMessage());
        }
    }

    static String subject(String text) {
        if (text.length() > MAX_SUBJECT || text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("must be one line of at most " + MAX_SUBJECT + " characters");
        }
        return text;
    }

    static Map<String, String> headers(RequestFields fields, JsonObject body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body == null || !body.containsKey("headers") || body.isNull("headers")) {
            return headers;
        }
        if (!(body.get("headers") instanceof JsonObject object)) {
            fields.reject("headers", "must be an object of header names to values");
            return headers;
        }
        for (Map.Entry<String, JsonValue> header : object.entrySet()) {
            String name = header.getKey();
            String field = "headers." + name;
            if (!FIELD_NAME.matcher(name).matches()) {
                fields.reject(field, "is not a header field name (RFC 5322 §3.6.8)");
            } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                fields.reject(field, "is set by Outpost or by its own request field, not through headers");
            } else if (!(header.getValue() instanceof JsonString value)) {
                fields.reject(field, "must be a string");
            } else if (value.getString().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                // A line break in a value would start a header field of the caller's choosing (header injection).
                fields.reject(field, "must be one line");
            } else {
                headers.put(name, value.getString());
            }
        }
        return headers;
    }
}

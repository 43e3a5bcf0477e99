package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
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
 *  "subject": "Spring sale", "text": "plain text", "html": "<p>html</p>", "headers": {"X-Campaign": "spring"}}
 * }</pre>
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
            "arc-seal",
            "arc-message-signature",
            "arc-authentication-results",
            "authentication-results",
            "mime-version",
            "content-type",
            "content-transfer-encoding");

    private MessageRequest() {}

    static Composition parse(JsonObject body, int maxRecipients) {
        RequestFields fields = new RequestFields(body);
        Optional<InternetAddress> from = fields.required("from", MessageRequest::address);
        List<InternetAddress> to = fields.requiredList("to", MessageRequest::address);
        List<InternetAddress> cc = optionalList(fields, body, "cc");
        List<InternetAddress> bcc = optionalList(fields, body, "bcc");
        Optional<InternetAddress> replyTo = fields.optional("replyTo", MessageRequest::address);
        Optional<String> subject = fields.required("subject", MessageRequest::subject);
        Optional<String> text = fields.optional("text", s -> s);
        Optional<String> html = fields.optional("html", s -> s);
        Map<String, String> headers = headers(fields, body);
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
        return new Composition(from.orElseThrow(), to, cc, bcc, replyTo, subject.orElseThrow(), text, html, headers);
    }

    private static List<InternetAddress> optionalList(RequestFields fields, JsonObject body, String name) {
        if (body == null || !body.containsKey(name) || body.isNull(name)) {
            return List.of();
        }
        return fields.requiredList(name, MessageRequest::address);
    }

    /** One mailbox, {@code a@b.example} or {@code Name <a@b.example>}; ASCII addresses only (no SMTPUTF8 here yet). */
    static InternetAddress address(String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            String mailbox = address.getAddress();
            if (address.isGroup() || mailbox == null || mailbox.indexOf('@') < 1) {
                throw new IllegalArgumentException("must be one address such as ann@example.net");
            }
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(mailbox)) {
                throw new IllegalArgumentException("must be an ASCII address; internationalized addresses need SMTP");
            }
            // The same rules as an SMTP path (length, domain syntax), so the envelope can carry it.
            EmailAddress.parse(mailbox);
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("is not an address: " + e.getMessage());
        }
    }

    private static String subject(String text) {
        if (text.length() > MAX_SUBJECT || text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("must be one line of at most " + MAX_SUBJECT + " characters");
        }
        return text;
    }

    private static Map<String, String> headers(RequestFields fields, JsonObject body) {
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

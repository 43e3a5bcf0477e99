package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /api/v1/messages/raw}: a complete RFC 5322 message the caller composed, and its
 * envelope, as SMTP would carry them.
 *
 * <pre>{@code
 * {"from": "bounce@shop.example", "to": ["ann@example.net"], "message": "RnJvbTogbmV3c0BzaG9w…"}
 * }</pre>
 *
 * <p>{@code message} is base64 (RFC 4648 §4): the bytes are kept exactly, but for line ends, which become CRLF (RFC
 * 5322 §2.3: a message from a program often ends its lines with LF alone), and Bcc and Resent-Bcc fields, which are
 * removed so the other recipients never see who else got it (RFC 5322 §3.6.3), as is X-Outpost-Stream (the request's
 * {@code stream} field names the stream). The header section is at most 256 KiB,
 * as over SMTP. {@code from} is the envelope sender ({@code ""} for the
 * null path); {@code to} the recipients, whatever the To and Cc fields say.
 *
 * @param sender the envelope sender
 * @param recipients the envelope recipients
 * @param content the message, ready for the submission pipeline
 */
record RawMessageRequest(ReversePath sender, List<EmailAddress> recipients, byte[] content) {

    static RawMessageRequest parse(JsonObject body, int maxRecipients) {
        RequestFields fields = new RequestFields(body);
        Optional<ReversePath> sender = fields.required(
                "from", text -> text.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(text)));
        List<EmailAddress> recipients = fields.requiredList("to", EmailAddress::parse);
        Optional<byte[]> message = fields.required("message", RawMessageRequest::message);
        if (recipients.isEmpty() && body != null && body.containsKey("to")) {
            fields.reject("to", "needs at least one recipient");
        }
        if (recipients.size() > maxRecipients) {
            fields.reject("to", "at most " + maxRecipients + " recipients");
        }
        fields.check();
        return new RawMessageRequest(sender.orElseThrow(), recipients, message.orElseThrow());
    }

    private static byte[] message(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 (RFC 4648 §4) without line breaks");
        }
        byte[] message = crlf(bytes);
        int end = headerSectionEnd(message);
        if (end < 0) {
            throw new IllegalArgumentException("must be a message: header fields, an empty line, then the body");
        }
        if (end > MessageContent.MAX_HEADER_OCTETS) {
            // Read into memory by every check: bounded, as over SMTP (552 5.3.4 there).
            throw new IllegalArgumentException(
                    "has a header section longer than " + MessageContent.MAX_HEADER_OCTETS + " octets");
        }
        return withoutBcc(message, end);
    }

    // RFC 5322 §2.3: CRLF line ends; a lone CR or LF becomes one.
    private static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 40);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    // X-Outpost-Stream is SMTP's way to name the stream: over HTTP the request's "stream" field does, and the field
    // is an instruction to the relay that never leaves it.
    private static final Set<String> NOT_SENT = Set.of("bcc", "resent-bcc", "x-outpost-stream");

    // The line's field name, lower case and without the white space before its colon; "" for a line with no colon.
    private static String fieldName(byte[] message, int from, int to) {
        for (int i = from; i < to; i++) {
            if (message[i] == ':') {
                return new String(message, from, i - from, StandardCharsets.US_ASCII)
                        .strip()
                        .toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    // The index of the empty line that ends the header section, or -1; a message with no body ends at its last CRLF.
    private static int headerSectionEnd(byte[] message) {
        if (message.length == 0 || message[0] == '\r') {
            return -1;
        }
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 2;
            }
        }
        return message.length >= 2 && message[message.length - 2] == '\r' ? message.length : -1;
    }

    // RFC 5322 §3.6.3 and §3.6.6: Bcc and Resent-Bcc, with their continuation lines, leave no trace in what is sent;
    // a name followed by white space before its colon (§4.5, obsolete syntax) counts as the same field.
    private static byte[] withoutBcc(byte[] message, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        boolean dropping = false;
        int line = 0;
        while (line < end) {
            int next = line;
            while (next < end && message[next] != '\n') {
                next++;
            }
            next = Math.min(next + 1, end);
            boolean continuation = message[line] == ' ' || message[line] == '\t';
            if (!continuation) {
                dropping = NOT_SENT.contains(fieldName(message, line, next));
            }
            if (!dropping) {
                out.write(message, line, next - line);
            }
            line = next;
        }
        out.write(message, end, message.length - end);
        return out.toByteArray();
    }
}

package io.outpost.web.messages;

import io.outpost.relay.template.TemplateContent;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.templates.TemplateRequest;
import io.outpost.web.templates.TemplatesResource;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON body of {@code POST /api/v1/messages/batch}: one content for up to {@link #MAX_RECIPIENTS}
 * recipients, each getting a message of their own, personalised with their data.
 *
 * <pre>{@code
 * {"from": "Shop <news@shop.example>", "replyTo": "help@shop.example", "headers": {…}, "attachments": […],
 *  "template": {"name": "welcome", "version": 3, "data": {"shop": "Shop Ltd"}},
 *  "stream": "bulk", "sendAt": "…", "tags": […], "metadata": {…},
 *  "recipients": [{"to": "Ann <ann@example.net>", "data": {"firstName": "Ann"}, "metadata": {"customer": "17"}}, …]}
 * }</pre>
 *
 * <p>Instead of {@code template}, the batch may give {@code subject}, {@code text} and {@code html} itself: they are
 * rendered as a template too. A recipient's data is laid over the template's; its metadata over the batch's. What the
 * whole batch shares is checked here (a 400 stops it); each recipient is checked on its own ({@link Recipient#parse}),
 * so one bad address fails only its own message.
 *
 * @param inline the batch's own subject, text and html, when it names no saved template
 * @param recipients each recipient's entry as given, parsed one by one
 */
record BatchRequest(
        InternetAddress from,
        Optional<InternetAddress> replyTo,
        Map<String, String> headers,
        List<Attachment> attachments,
        Optional<TemplateUse> template,
        Optional<TemplateContent> inline,
        List<JsonValue> recipients) {

    /** Recipients (so messages) per batch at most: one request, one commit, an answer the client can read at once. */
    static final int MAX_RECIPIENTS = 1_000;

    static BatchRequest parse(JsonObject body) {
        Optional<TemplateUse> template = TemplateUse.parse(body);
        RequestFields fields = new RequestFields(body);
        Optional<InternetAddress> from = fields.required("from", MessageRequest::address);
        Optional<InternetAddress> replyTo = fields.optional("replyTo", MessageRequest::address);
        for (String perMessage : List.of("to", "cc", "bcc")) {
            if (body != null && body.containsKey(perMessage)) {
                fields.reject(perMessage, "a batch names each message's recipient in recipients[].to");
            }
        }
        Optional<TemplateContent> inline = Optional.empty();
        if (template.isPresent()) {
            for (String own : List.of("subject", "text", "html")) {
                if (body.containsKey(own)) {
                    fields.reject(own, "give either a template or subject, text and html");
                }
            }
        } else {
            inline = TemplateRequest.parts(fields, body);
        }
        Map<String, String> headers = MessageRequest.headers(fields, body);
        List<Attachment> attachments = AttachmentRequest.parse(fields, body);
        List<JsonValue> recipients = List.of();
        if (body == null || !(body.get("recipients") instanceof JsonArray array)) {
            fields.reject("recipients", "required: an array of {\"to\", \"data\"?, \"metadata\"?}");
        } else if (array.isEmpty() || array.size() > MAX_RECIPIENTS) {
            fields.reject("recipients", "1 to " + MAX_RECIPIENTS + " recipients");
        } else {
            recipients = array;
        }
        fields.check();
        return new BatchRequest(from.orElseThrow(), replyTo, headers, attachments, template, inline, recipients);
    }

    /**
     * One recipient of a batch.
     *
     * @param metadata its own metadata, laid over the batch's
     */
    record Recipient(InternetAddress to, Map<String, Object> data, Optional<JsonObject> metadata) {

        /** The entry at {@code index}, or what is wrong with it, each named as {@code recipients[i].member}. */
        static Recipient parse(JsonValue entry, int index) throws InvalidRecipient {
            String prefix = "recipients[" + index + "]";
            if (!(entry instanceof JsonObject object)) {
                throw new InvalidRecipient(List.of(new InvalidParam(prefix, "must be an object with to")));
            }
            RequestFields fields = new RequestFields(object);
            Optional<InternetAddress> to = fields.required("to", MessageRequest::address);
            Map<String, Object> data = TemplatesResource.data(fields, object, "data");
            Optional<JsonObject> metadata = Optional.empty();
            if (object.containsKey("metadata") && !object.isNull("metadata")) {
                if (object.get("metadata") instanceof JsonObject own) {
                    metadata = Optional.of(own);
                } else {
                    fields.reject("metadata", "must be an object of names to strings");
                }
            }
            List<InvalidParam> invalid = new ArrayList<>();
            try {
                fields.check();
            } catch (io.outpost.web.problem.ProblemException e) {
                e.problem()
                        .invalidParams()
                        .forEach(p -> invalid.add(new InvalidParam(prefix + "." + p.name(), p.reason())));
                throw new InvalidRecipient(invalid);
            }
            return new Recipient(to.orElseThrow(), data, metadata);
        }
    }

    /** A recipient entry that cannot be used: its own error in the answer, not the batch's. */
    static final class InvalidRecipient extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient List<InvalidParam> invalid;

        InvalidRecipient(List<InvalidParam> invalid) {
            super(invalid.toString());
            this.invalid = List.copyOf(invalid);
        }

        List<InvalidParam> invalid() {
            return invalid;
        }
    }
}

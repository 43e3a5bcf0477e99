package io.outpost.web.templates;

import io.outpost.relay.template.FilesOfNewVersion;
import io.outpost.relay.template.TemplateContent;
import io.outpost.relay.template.TemplateFile;
import io.outpost.web.json.RequestFields;
import io.outpost.web.messages.AttachmentRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a template's parts from a request, naming every unusable field in one 400: {@code {"subject": "Hello
 * {{firstName}}", "text": "…", "html": "<p>…</p>"}}, a subject and a text part, an HTML part or both, each a Mustache
 * template.
 */
public final class TemplateRequest {

    /** Longest subject template: the header field's line of 998 characters, with room for the tags. */
    static final int MAX_SUBJECT = 4000;

    private static final String KEEP = "keepAttachments";

    private TemplateRequest() {}

    /** Reads the parts into {@code fields}; the caller checks them. Empty when a part is missing or unusable. */
    public static Optional<TemplateContent> parts(RequestFields fields, JsonObject body) {
        Optional<String> subject = fields.required("subject", TemplateRequest::subject);
        Optional<String> text = fields.optional("text", TemplateRequest::part);
        Optional<String> html = fields.optional("html", TemplateRequest::part);
        boolean unusable = present(body, "text") && text.isEmpty() || present(body, "html") && html.isEmpty();
        if (text.isEmpty() && html.isEmpty() && !unusable) {
            // Neither given (null counts as not given); an unusable one is named with its own reason already.
            fields.reject("text", "give text, html or both");
        }
        if (subject.isEmpty() || (text.isEmpty() && html.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new TemplateContent(subject.get(), text, html));
    }

    /**
     * The files the new version carries: {@code "keepAttachments": ["logo.png"]} names the newest version's files to
     * keep and {@code "attachments"} adds new ones (as a message's); a request with neither keeps all the newest
     * version's files, so saving new words does not drop an attachment.
     */
    public static FilesOfNewVersion files(RequestFields fields, JsonObject body) {
        if (!present(body, "attachments") && !present(body, KEEP)) {
            return FilesOfNewVersion.SAME;
        }
        List<String> keep = new ArrayList<>();
        if (present(body, KEEP)) {
            if (body.get(KEEP) instanceof JsonArray names
                    && names.stream().allMatch(name -> name instanceof JsonString)) {
                names.forEach(name -> keep.add(((JsonString) name).getString()));
            } else {
                fields.reject(KEEP, "must be an array of the newest version's file names");
            }
        }
        List<TemplateFile> added = AttachmentRequest.parse(fields, body).stream()
                .map(file -> new TemplateFile(file.fileName(), file.contentType(), file.contentId(), file.content()))
                .toList();
        return new FilesOfNewVersion(false, keep, added);
    }

    private static boolean present(JsonObject body, String name) {
        return body != null && body.containsKey(name) && !body.isNull(name);
    }

    private static String subject(String text) {
        if (text.isBlank() || text.length() > MAX_SUBJECT || text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("must be one line of 1 to " + MAX_SUBJECT + " characters");
        }
        return text;
    }

    private static String part(String text) {
        if (text.length() > TemplateContent.MAX_PART) {
            throw new IllegalArgumentException("at most " + TemplateContent.MAX_PART + " characters");
        }
        return text;
    }
}

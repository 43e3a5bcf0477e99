package io.outpost.web.messages;

import io.outpost.relay.template.TemplateFile;
import java.util.Objects;
import java.util.Optional;

/**
 * A file the caller attached: its name, MIME type and bytes. With a content-id it is an inline part (RFC 2387
 * multipart/related), which the HTML refers to as {@code cid:<contentId>} (RFC 2392); without, an attachment.
 *
 * @param contentId without angle brackets
 */
public record Attachment(String fileName, String contentType, byte[] content, Optional<String> contentId) {

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentId, "contentId");
    }

    /** A file of a template version, as each message sent with the version carries it. */
    public static Attachment of(TemplateFile file) {
        return new Attachment(file.fileName(), file.contentType(), file.content(), file.contentId());
    }

    public boolean inline() {
        return contentId.isPresent();
    }
}

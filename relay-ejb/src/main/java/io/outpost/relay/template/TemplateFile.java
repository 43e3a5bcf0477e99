package io.outpost.relay.template;

import java.util.Objects;
import java.util.Optional;

/**
 * A file a template version carries: every message sent with the version has it, before the files its request adds.
 * With a content-id it is shown inline (RFC 2387 multipart/related, referred to as {@code cid:} in the HTML, RFC 2392).
 *
 * @param contentId without angle brackets
 */
public record TemplateFile(String fileName, String contentType, Optional<String> contentId, byte[] content) {

    /** Files per version at most. */
    public static final int MAX_FILES = 10;

    /** Their bytes together at most: each message sent with the version carries them, base64-encoded. */
    public static final int MAX_TOTAL_BYTES = 10 * 1024 * 1024;

    public TemplateFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(content, "content");
    }
}

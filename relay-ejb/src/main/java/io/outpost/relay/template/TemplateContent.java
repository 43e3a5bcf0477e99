package io.outpost.relay.template;

import java.util.Objects;
import java.util.Optional;

/**
 * What a template says, each part a Mustache template: the subject, and a text part, an HTML part or both.
 *
 * @param subject one line once rendered
 */
public record TemplateContent(String subject, Optional<String> text, Optional<String> html) {

    /** Longest part, in characters: a template is a message, and every render copies it. */
    public static final int MAX_PART = 512 * 1024;

    public TemplateContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (text.isEmpty() && html.isEmpty()) {
            throw new IllegalArgumentException("a template needs a text part, an HTML part or both");
        }
    }
}

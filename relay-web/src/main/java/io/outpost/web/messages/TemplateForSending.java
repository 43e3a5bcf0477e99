package io.outpost.web.messages;

import io.outpost.relay.template.CompiledTemplate;
import java.util.List;

/**
 * A template ready to render for each message, with the files its version carries: they come first in every message
 * sent with it, before the request's own attachments.
 */
record TemplateForSending(CompiledTemplate compiled, List<Attachment> files) {

    TemplateForSending {
        files = List.copyOf(files);
    }

    /** A batch's own subject, text and HTML, which carry no files of their own. */
    static TemplateForSending withoutFiles(CompiledTemplate compiled) {
        return new TemplateForSending(compiled, List.of());
    }
}

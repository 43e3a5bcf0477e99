package io.outpost.web.messages;

import io.outpost.relay.template.RenderedMessage;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recipient's own message rendered from a template, composed as the HTTP API composes every message: what each
 * recipient of a batch gets, and each subscriber of a campaign.
 */
public final class OneRecipientMessage {

    private static final MimeComposer COMPOSER = new MimeComposer();

    private OneRecipientMessage() {}

    /** The message's bytes: to {@code to} alone, with the rendered subject, text and HTML. */
    public static byte[] compose(
            InternetAddress from,
            InternetAddress to,
            Optional<InternetAddress> replyTo,
            RenderedMessage rendered,
            Map<String, String> headers,
            List<Attachment> attachments) {
        return COMPOSER.compose(new Composition(
                from,
                List.of(to),
                List.of(),
                List.of(),
                replyTo,
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                headers,
                attachments));
    }
}

package io.outpost.web.messages;

import jakarta.mail.internet.InternetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as the HTTP API's caller described it, checked field by field.
 *
 * @param bcc recipients who get the message but appear in no header field
 * @param headers extra header fields, in order; never one Outpost or MIME writes itself
 * @param attachments files attached or shown inline, in order
 */
public record Composition(
        InternetAddress from,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        List<InternetAddress> bcc,
        Optional<InternetAddress> replyTo,
        String subject,
        Optional<String> text,
        Optional<String> html,
        Map<String, String> headers,
        List<Attachment> attachments) {

    /** A message without attachments. */
    public Composition(
            InternetAddress from,
            List<InternetAddress> to,
            List<InternetAddress> cc,
            List<InternetAddress> bcc,
            Optional<InternetAddress> replyTo,
            String subject,
            Optional<String> text,
            Optional<String> html,
            Map<String, String> headers) {
        this(from, to, cc, bcc, replyTo, subject, text, html, headers, List.of());
    }

    public Composition {
        attachments = List.copyOf(attachments);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}

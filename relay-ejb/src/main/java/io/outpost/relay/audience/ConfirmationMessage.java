package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import java.util.Optional;

/**
 * The message that asks a subscriber to confirm: its sender (an address on one of the tenant's sending domains, as
 * every submission's is), subject, and text (with an optional HTML alternative), each body holding {@value #LINK} where
 * the signed confirmation link goes.
 */
public record ConfirmationMessage(EmailAddress from, String subject, String text, Optional<String> html) {

    /** Where the link goes in a body. */
    public static final String LINK = "{{confirm_url}}";

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_HTML = 100_000;

    public ConfirmationMessage {
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("subject: one line of 1 to " + MAX_SUBJECT + " characters");
        }
        if (text.length() > MAX_TEXT || !text.contains(LINK)) {
            throw new IllegalArgumentException("text: at most " + MAX_TEXT + " characters, holding " + LINK);
        }
        if (html.isPresent() && (html.get().length() > MAX_HTML || !html.get().contains(LINK))) {
            throw new IllegalArgumentException("html: at most " + MAX_HTML + " characters, holding " + LINK);
        }
    }

    /** The message's parts with {@code url} in place of {@value #LINK}. */
    public Filled with(String url) {
        // The URL is the base URL and a base64url token: no character HTML would read as markup.
        return new Filled(from, subject, text.replace(LINK, url), html.map(body -> body.replace(LINK, url)));
    }

    /** The parts of one confirmation message, its link in place. */
    public record Filled(EmailAddress from, String subject, String text, Optional<String> html) {}
}

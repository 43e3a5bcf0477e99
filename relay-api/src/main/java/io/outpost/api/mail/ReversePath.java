package io.outpost.api.mail;

import java.util.Optional;

/**
 * The envelope sender of MAIL FROM: a mailbox, or the null path {@code <>} used by bounces (RFC 5321 §4.5.5), to which
 * no bounce may ever be sent.
 */
public record ReversePath(Optional<EmailAddress> mailbox) {

    /** The null reverse path {@code <>}. */
    public static final ReversePath NULL = new ReversePath(Optional.empty());

    public ReversePath {
        if (mailbox == null) {
            throw new IllegalArgumentException("use ReversePath.NULL for <>");
        }
    }

    public static ReversePath of(EmailAddress mailbox) {
        return new ReversePath(Optional.of(mailbox));
    }

    public boolean isNull() {
        return mailbox.isEmpty();
    }

    /** The path as written in SMTP, with angle brackets. */
    public String toSmtp() {
        return "<" + mailbox.map(EmailAddress::toString).orElse("") + ">";
    }

    @Override
    public String toString() {
        return toSmtp();
    }
}

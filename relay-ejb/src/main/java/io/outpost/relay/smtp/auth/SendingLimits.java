package io.outpost.relay.smtp.auth;

import io.outpost.api.mail.SmtpReply;
import java.util.Optional;

/**
 * Per-credential sending limits (messages per hour, recipients per message and the like). Called once per message of
 * an authenticated session, after the data is received and before it is queued, from many session threads at once; a
 * refusal means nothing was queued. A method that throws makes the session answer 451 4.3.0 (fail closed).
 */
public interface SendingLimits {

    /** No limits. */
    SendingLimits UNLIMITED = (identity, recipientCount) -> Optional.empty();

    /** Empty to accept the message, or the refusal, such as {@code 451 4.7.1} or {@code 452 4.5.3}. */
    Optional<SmtpReply> checkMessage(Identity identity, int recipientCount);
}

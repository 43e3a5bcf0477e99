package io.outpost.relay.rules;

import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;

/**
 * Per-credential sending limits (messages per hour, recipients per message and the like), what the {@code
 * sending-limits} rule asks once per message of a tenant, after the data is received and before it is queued, from many
 * threads at once; a refusal means nothing was queued. A method that throws fails closed (451 4.3.0).
 */
public interface SendingLimits {

    /** No limits. */
    SendingLimits UNLIMITED = (identity, recipientCount) -> Optional.empty();

    /** Empty to accept the message, or the refusal, such as {@code 451 4.7.1} or {@code 452 4.5.3}. */
    Optional<SmtpReply> checkMessage(Identity identity, int recipientCount);
}

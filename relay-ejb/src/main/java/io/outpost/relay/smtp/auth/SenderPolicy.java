package io.outpost.relay.smtp.auth;

import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import java.util.Optional;

/**
 * Binds authenticated senders to the addresses their account owns, so one customer cannot send as another. Consulted
 * only for authenticated sessions, from many session threads at once; a method that throws makes the session answer
 * 451 4.3.0 (fail closed).
 */
public interface SenderPolicy {

    /** Allows every sender and every From: header. */
    SenderPolicy ALLOW_ALL = new SenderPolicy() {
        @Override
        public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> checkHeaderFrom(Identity identity, byte[] headerSection) {
            return Optional.empty();
        }
    };

    /** At MAIL FROM: empty to accept, or the refusal (such as 550 5.7.1) to send instead of 250. */
    Optional<SmtpReply> checkSender(Identity identity, ReversePath sender);

    /**
     * At the end of the message data, before it is queued: empty to accept, or the refusal. {@link HeaderFrom} parses
     * the From: field's addresses from {@code headerSection}, the message's header section (the body is not needed and
     * may be many megabytes on disk).
     */
    Optional<SmtpReply> checkHeaderFrom(Identity identity, byte[] headerSection);
}

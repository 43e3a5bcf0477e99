package io.outpost.relay.rules;

import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;

/**
 * Binds senders to the addresses their account owns, so one customer cannot send as another: what the {@link
 * SenderBinding} rule asks for every tenant's submission, from many threads at once; a method that throws fails closed
 * (451 4.3.0).
 */
public interface SenderPolicy {

    /** Allows every sender and every From: header. */
    SenderPolicy ALLOW_ALL = new SenderPolicy() {
        @Override
        public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers) {
            return Optional.empty();
        }
    };

    /** At MAIL FROM: empty to accept, or the refusal (such as 550 5.7.1) to send instead of 250. */
    Optional<SmtpReply> checkSender(Identity identity, ReversePath sender);

    /**
     * At the end of the message data, before it is queued: empty to accept, or the refusal. {@code
     * io.outpost.relay.content.HeaderFrom} reads the From: field's addresses from the message's header fields.
     */
    Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers);
}

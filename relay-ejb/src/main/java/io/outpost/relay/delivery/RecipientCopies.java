package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import java.io.UncheckedIOException;

/**
 * The copies of a bulk message queued for several recipients: each recipient's copy gets one-click unsubscribe fields
 * naming that recipient ({@link ListUnsubscribe}) and is signed with them, as it is sent. Intake queued such a message
 * unsigned for this (and a message to one recipient with its fields already in). Thread-safe.
 */
final class RecipientCopies {

    /** Every recipient gets the message as it was queued. */
    static final RecipientCopies NONE = new RecipientCopies(null, null);

    private final ListUnsubscribe unsubscribe;
    private final OutboundAuthentication authentication;

    RecipientCopies(ListUnsubscribe unsubscribe, OutboundAuthentication authentication) {
        this.unsubscribe = unsubscribe;
        this.authentication = authentication;
    }

    /** True if each recipient gets a copy of its own: a tenant's bulk message without unsubscribe fields. */
    boolean needed(MessageForDelivery message) {
        if (unsubscribe == null
                || message.stream() != MessageStream.BULK
                || message.tenant().isEmpty()) {
            return false;
        }
        try {
            return !ListUnsubscribe.present(message.content().headerSection());
        } catch (MessageContent.HeaderSectionTooLarge | UncheckedIOException e) {
            // Intake read it: the spool is failing now. Making the copy fails too, and the attempt waits for another,
            // rather than sending bulk mail without its fields.
            return true;
        }
    }

    /**
     * {@code recipient}'s copy, signed as its sending domain signs now.
     *
     * @throws RuntimeException if the sending domain or the message could not be read, or the domain no longer signs
     *     it (the attempt is retried, until the queue lifetime ends)
     */
    MessageContent copyFor(MessageForDelivery message, EmailAddress recipient) {
        MessageContent copy;
        byte[] copyHeader;
        try {
            byte[] headerSection = message.content().headerSection();
            copy = unsubscribe.withFields(
                    message.content(),
                    message.messageId(),
                    message.tenant().orElseThrow(),
                    recipient,
                    message.topic(),
                    headerSection,
                    message.returnPath());
            copyHeader = copy.headerSection();
        } catch (MessageContent.HeaderSectionTooLarge e) {
            throw new IllegalStateException("header section of message " + message.messageId() + " grew", e);
        }
        OutboundAuthentication.Outcome outcome =
                authentication.prepare(message.tenant(), message.sender(), copy, copyHeader);
        if (outcome instanceof OutboundAuthentication.Ready ready) {
            return ready.content();
        }
        // Its sending domain went away (or to another tenant) since it was queued. RFC 8058 §4 wants the fields under
        // a valid signature, so the copy waits for the domain rather than leave unsigned.
        throw new IllegalStateException("copy of message " + message.messageId() + " not signed: "
                + ((OutboundAuthentication.Refused) outcome).note());
    }
}

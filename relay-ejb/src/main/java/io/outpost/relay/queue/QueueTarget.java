package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;

/** Which waiting recipients an operator's action applies to: those of one destination domain, or of one message. */
public sealed interface QueueTarget {

    /** Every waiting recipient whose address is at {@code domain} (exactly: not its subdomains), of any tenant. */
    record Destination(Domain domain) implements QueueTarget {}

    /** Every waiting recipient of one message. */
    record Message(long messageId) implements QueueTarget {}
}

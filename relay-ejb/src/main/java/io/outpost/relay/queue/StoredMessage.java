package io.outpost.relay.queue;

import java.util.List;

/**
 * A message just committed, with its recipients already claimed for an immediate first attempt, and its envelope and
 * bytes still in memory so that attempt need not read them back.
 */
public record StoredMessage(MessageForDelivery message, List<Claim> claims) {

    public long messageId() {
        return message.messageId();
    }
}

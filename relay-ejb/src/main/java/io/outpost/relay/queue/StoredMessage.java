package io.outpost.relay.queue;

import java.util.List;
import java.util.Optional;

/**
 * A message just committed, with its recipients already claimed for an immediate first attempt and, when its bytes
 * were small enough to be in memory, its envelope and bytes so that attempt need not read them back. A spooled
 * message's file is deleted once committed, so its attempt reads it from the queue.
 */
public record StoredMessage(long messageId, Optional<MessageForDelivery> message, List<Claim> claims) {}

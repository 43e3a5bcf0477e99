package io.outpost.relay.queue;

import java.util.List;

/** A message just committed, with its recipients already claimed for an immediate first attempt. */
public record StoredMessage(long messageId, List<Claim> claims) {}

package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;

/** A recipient leased to this node for one delivery attempt. */
public record Claim(long recipientId, long messageId, EmailAddress recipient, int attemptsMade) {}

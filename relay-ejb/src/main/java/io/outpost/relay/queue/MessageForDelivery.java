package io.outpost.relay.queue;

import io.outpost.api.mail.ReversePath;
import java.time.Instant;

/** What a delivery attempt needs of a queued message. */
public record MessageForDelivery(long messageId, ReversePath sender, Instant receivedAt, byte[] content) {}

package io.outpost.relay.queue;

/**
 * What a message's own commit writes under an HTTP request's idempotency key, so that the key names exactly what was
 * committed: the whole request's message ({@link IdempotencyKey}), or one recipient's message of a batch
 * ({@link BatchItem}).
 */
public sealed interface IdempotencyMark permits IdempotencyKey, BatchItem {}

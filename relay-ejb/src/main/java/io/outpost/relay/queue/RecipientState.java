package io.outpost.relay.queue;

/**
 * Where one recipient of a message stands. All but QUEUED and DEFERRED are final: the recipient is never tried again.
 */
public enum RecipientState {
    /** Accepted, not yet attempted. */
    QUEUED,
    /** Attempted, the destination answered 4xx or could not be reached: waiting for its next attempt. */
    DEFERRED,
    /** The destination answered 2xx to the end of data. */
    DELIVERED,
    /** The destination answered 5xx, or the address cannot be routed (NXDOMAIN, null MX). */
    BOUNCED,
    /** Still failing temporarily when the queue lifetime ran out. */
    EXPIRED,
    /** A suppression policy refused it before an attempt: its server was never contacted. */
    SUPPRESSED,
    /** A policy refused the message before it was queued: it was never accepted, and the client was told so. */
    REFUSED,
    /** Kept by the sandbox (capture mode) as it would have been sent, and never delivered. */
    CAPTURED,
    /** Scheduled, and cancelled by its tenant before its time: never attempted. */
    CANCELLED,
    /** Taken out of the queue by the relay's operator, with or without a DSN to the sender: never attempted again. */
    PURGED;

    public boolean isFinal() {
        return this != QUEUED && this != DEFERRED;
    }
}

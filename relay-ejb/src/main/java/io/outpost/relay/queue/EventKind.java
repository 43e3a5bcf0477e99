package io.outpost.relay.queue;

/**
 * What can happen to a message or one of its recipients, as its story tells it. RECEIVED and QUEUED are told by the
 * message's own row (its arrival and its commit are one transaction); the others are rows of {@code outpost_event}. A
 * refused message has a row too, with no content, so that its tenant finds it: RECEIVED, then REFUSED.
 */
public enum EventKind {
    /** The message arrived: from which client and credential, over what TLS, how large, how it was signed. */
    RECEIVED,
    /** The message and its recipients were committed to the queue. */
    QUEUED,
    /** An attempt failed temporarily: the recipient waits for its next attempt. */
    DEFERRED,
    /** The destination accepted the message for the recipient. */
    DELIVERED,
    /** The destination refused the recipient for good, or its address cannot be routed. */
    BOUNCED,
    /** The recipient was still failing temporarily when the queue lifetime ran out. */
    EXPIRED,
    /** A suppression policy refused the recipient before an attempt, with the reply it gave. */
    SUPPRESSED,
    /** A delivery status notification about this message was queued to its sender (RFC 3464). */
    DSN_QUEUED,
    /**
     * A policy refused the message before it was queued: which one, at which phase, why, and the reply the client got.
     */
    REFUSED,
    /** The sandbox (capture mode) kept the recipient's message as it would have been sent; it was not delivered. */
    CAPTURED,
    /** Its tenant cancelled the scheduled message before its time: how many recipients were not sent to. */
    CANCELLED,
    /**
     * Its open pixel was loaded: by a person ({@code human}) or a machine ({@code machine (why)}: a mail privacy or
     * image proxy), from which address and user agent. Of the recipient when the message had one, else of the message.
     */
    OPENED,
    /** One of its tracked links was followed, by a person or a machine (a link scanner), as {@link #OPENED} tells. */
    CLICKED,
    /**
     * The recipient left the tenant's bulk mail: how (one-click POST, the unsubscribe page), from which address and user
     * agent. Their address is on the tenant's suppression list for the bulk stream from then on.
     */
    UNSUBSCRIBED,
    /**
     * Someone marked the message as spam, and their mailbox provider said so in a complaint report (ARF, RFC 5965) to
     * its return path: the report's feedback type and sender. The address is on the tenant's suppression list from then
     * on.
     */
    COMPLAINED,
    /**
     * An address or domain was put on one of the tenant's suppression lists: which list, why, by whom, and the message
     * that caused it when one did. The event's target names it.
     */
    SUPPRESSION_ADDED,
    /** An address or domain was taken off one of the tenant's suppression lists (an undo): which, by whom, why. */
    SUPPRESSION_REMOVED,
    /**
     * Rows of a CSV file were put on the tenant's suppression lists: how many, by whom. One event per batch, not per
     * row, so that importing a million addresses does not bury the stream; each row's change is in the list's history.
     */
    LIST_IMPORTED,
    /** Outpost paused the bulk mail of one of the tenant's sending domains (the target): the rate and its threshold. */
    BULK_PAUSED,
    /** An administrator resumed the bulk mail of one of the tenant's sending domains (the target). */
    BULK_RESUMED,
    /**
     * An address was erased at its owner's request (GDPR Art. 17): what was removed, and by whom. The target is what
     * stays of it on the suppression lists ({@code hash:…}), never the address.
     */
    ERASED,
    /** The relay's operator held the recipient: no attempt until released. Who, and why. */
    HELD,
    /** The relay's operator released the held recipient: it is due again. Who, and why. */
    RELEASED,
    /** The relay's operator made the deferred recipient due at once, instead of at its next retry. Who, and why. */
    RETRIED_NOW,
    /**
     * The relay's operator took the recipient out of the queue: never attempted again. Who, why, and whether its sender
     * got a DSN (then a DSN_QUEUED event follows).
     */
    PURGED;

    /** Whether this is an event of the tenant's lists ({@link ListEvent}) rather than of a message's delivery. */
    public boolean ofLists() {
        return switch (this) {
            case SUPPRESSION_ADDED, SUPPRESSION_REMOVED, LIST_IMPORTED, BULK_PAUSED, BULK_RESUMED, ERASED -> true;
            default -> false;
        };
    }

    /** The event an attempt's outcome is recorded as. */
    static EventKind of(RecipientState outcome) {
        return switch (outcome) {
            case DEFERRED -> DEFERRED;
            case DELIVERED -> DELIVERED;
            case BOUNCED -> BOUNCED;
            case EXPIRED -> EXPIRED;
            case SUPPRESSED -> SUPPRESSED;
            case CAPTURED -> CAPTURED;
            case QUEUED -> throw new IllegalArgumentException("an attempt never leaves a recipient QUEUED");
            case REFUSED -> throw new IllegalArgumentException("an attempt never refuses a queued recipient");
            case CANCELLED -> throw new IllegalArgumentException("an attempt never cancels a recipient");
            case PURGED -> throw new IllegalArgumentException("an attempt never purges a recipient");
        };
    }
}

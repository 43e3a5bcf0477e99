package io.outpost.relay.queue;

/**
 * What an operator can do to waiting recipients (those QUEUED or DEFERRED), each told in their message's story. None
 * touches a recipient an attempt holds now (its lease still runs): that attempt's outcome is recorded as usual.
 */
public enum QueueAction {
    /** No attempt until released: the recipient's next attempt moves to {@link OperatorActions#HELD_UNTIL}. */
    HOLD,
    /** A held recipient is due at once. */
    RELEASE,
    /** A deferred recipient that is not held is due at once, instead of at its next retry. */
    RETRY_NOW,
    /** The recipient ends PURGED, never attempted again; its sender gets a DSN only when the operator asks for one. */
    PURGE;

    /** The event a recipient's story records the action as. */
    EventKind event() {
        return switch (this) {
            case HOLD -> EventKind.HELD;
            case RELEASE -> EventKind.RELEASED;
            case RETRY_NOW -> EventKind.RETRIED_NOW;
            case PURGE -> EventKind.PURGED;
        };
    }
}

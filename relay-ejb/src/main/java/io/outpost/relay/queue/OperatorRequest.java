package io.outpost.relay.queue;

/**
 * An operator's action on the queue, as their message's story records it.
 *
 * @param operator the admin account that asked
 * @param reason why, in the operator's words; recorded in each recipient's event
 * @param bounce for {@link QueueAction#PURGE} only: whether each message's sender gets a DSN about its purged recipients
 */
public record OperatorRequest(QueueAction action, QueueTarget target, String operator, String reason, boolean bounce) {

    public OperatorRequest {
        if (operator == null || operator.isBlank() || reason == null) {
            throw new IllegalArgumentException("an operator's action names the operator and a reason");
        }
        if (bounce && action != QueueAction.PURGE) {
            throw new IllegalArgumentException("only a purge can bounce");
        }
    }
}

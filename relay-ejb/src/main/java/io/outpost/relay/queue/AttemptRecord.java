package io.outpost.relay.queue;

import java.util.List;
import java.util.Optional;

/**
 * What one attempt on one message leaves to record: its recipients' new states, the class of each bounce among them,
 * and, if any failed for good, a DSN.
 */
public record AttemptRecord(
        List<RecipientUpdate> updates, Optional<NewMessage> notification, List<ClassifiedBounce> bounces) {

    public AttemptRecord {
        updates = List.copyOf(updates);
        bounces = List.copyOf(bounces);
    }

    /** An attempt without bounces. */
    public AttemptRecord(List<RecipientUpdate> updates, Optional<NewMessage> notification) {
        this(updates, notification, List.of());
    }
}

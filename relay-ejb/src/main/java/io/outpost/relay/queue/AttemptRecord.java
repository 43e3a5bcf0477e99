package io.outpost.relay.queue;

import java.util.List;
import java.util.Optional;

/** What one attempt on one message leaves to record: its recipients' new states and, if any failed for good, a DSN. */
public record AttemptRecord(List<RecipientUpdate> updates, Optional<NewMessage> notification) {

    public AttemptRecord {
        updates = List.copyOf(updates);
    }
}

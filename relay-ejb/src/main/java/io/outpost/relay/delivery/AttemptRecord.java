package io.outpost.relay.delivery;

import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.RecipientUpdate;
import java.util.List;
import java.util.Optional;

/** What one attempt on one message leaves to record: its recipients' new states and, if any failed for good, a DSN. */
record AttemptRecord(List<RecipientUpdate> updates, Optional<NewMessage> notification) {}

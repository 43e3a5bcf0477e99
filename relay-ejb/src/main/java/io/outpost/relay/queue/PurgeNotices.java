package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import java.util.List;
import java.util.Optional;

/** Writes the DSN a purge with bounce sends the sender of a message about its purged recipients. */
@FunctionalInterface
public interface PurgeNotices {

    /** The DSN about {@code purged}, recipients of {@code messageId}; empty when there is no one to send it to. */
    Optional<NewMessage> notice(long messageId, List<EmailAddress> purged);
}

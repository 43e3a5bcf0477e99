package io.outpost.relay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The waiting recipients by where they stand, and the destinations with the most of them.
 *
 * @param destinationCount how many destination domains have waiting recipients (more than {@code destinations} lists)
 */
public record QueueOverview(
        long queued, long deferred, long held, long inAttempt, int destinationCount, List<Destination> destinations) {

    /**
     * One destination domain's waiting recipients.
     *
     * @param oldest when the oldest of their messages arrived
     * @param lastReply the latest failure any of them got, if one did
     */
    public record Destination(
            String domain,
            long queued,
            long deferred,
            long held,
            long inAttempt,
            Instant oldest,
            Optional<String> lastReply) {

        public long waiting() {
            return queued + deferred + held + inAttempt;
        }
    }
}

package io.outpost.relay.submission;

import java.util.Map;

/** What claiming a batch's idempotency key found: run the batch, give the first answer again, or do nothing. */
public sealed interface BatchClaim {

    /**
     * The key is this batch's: send it, then hand the answer back ({@link HttpSubmissions#finishBatch}).
     *
     * @param committed the message ids that recipients got in an earlier run a crash stopped, by their index in the
     *     batch: those are answered with them and not sent again
     */
    record Run(Map<Integer, Long> committed) implements BatchClaim {

        public Run {
            committed = Map.copyOf(committed);
        }
    }

    /** The batch ran before with this key: its answer again, exactly as it was given; nothing new is sent. */
    record Replay(String answer) implements BatchClaim {}

    /**
     * Nothing is sent: the key was used with another request ({@link SubmissionResult.IdempotencyKeyReused}), a run
     * with it has not finished ({@link SubmissionResult.IdempotencyKeyInUse}), or the queue could not claim it
     * ({@link SubmissionResult.Refused}).
     */
    record NotRun(SubmissionResult why) implements BatchClaim {}
}

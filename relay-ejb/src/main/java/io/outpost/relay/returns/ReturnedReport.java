package io.outpost.relay.returns;

/** What mail that came back to a return path says of the recipient it is about. */
public sealed interface ReturnedReport {

    /**
     * The recipient's server gave up for good: a DSN's failed recipient (RFC 3464 §2.3.3) or a bounce in plain words.
     *
     * @param status the enhanced status code (RFC 3464 §2.3.4), or {@code 5.0.0} when it names none
     * @param text the diagnostic, as the remote server wrote it
     */
    record Failed(String status, String text) implements ReturnedReport {}

    /** A complaint: someone marked the message as spam (RFC 5965 §3.1, any feedback type but {@code not-spam}). */
    record Complaint(String feedbackType, String userAgent) implements ReturnedReport {}

    /** Nothing to record: a delay notice, a success report, an out-of-office reply, or mail that says none of these. */
    record Nothing(String why) implements ReturnedReport {}
}

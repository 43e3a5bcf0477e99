package io.outpost.relay.submission;

/**
 * Where the HTTP API hands its messages: through the same submission pipeline as SMTP (MAIL, each RCPT, then the
 * message), then the queue. The answer comes only after the commit.
 */
public interface HttpSubmissions {

    /**
     * Queues a message from the HTTP API under the same rules as an SMTP submission; it gets a Received field ("with
     * HTTPS"), a Message-ID and Date if it has none. Never throws for a refusal: that is a result.
     */
    SubmissionResult submit(HttpSubmission submission);
}

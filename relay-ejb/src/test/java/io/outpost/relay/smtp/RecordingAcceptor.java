package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.content.MessageContent;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link MessageAcceptor} that records every message and every refusal, and can be told to fail. */
final class RecordingAcceptor implements MessageAcceptor {

    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private final List<Boolean> spooled = new CopyOnWriteArrayList<>();
    private final List<RefusedSubmission> refused = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public SmtpReply accept(ReceivedMessage message) {
        if (failing) {
            throw new IllegalStateException("disk full (test)");
        }
        // The session deletes a spooled message once this returns: keep a copy of its bytes, as a queue would.
        messages.add(new ReceivedMessage(
                message.sender(),
                message.recipients(),
                MessageContent.of(message.content().toByteArray()),
                message.client(),
                message.smtpUtf8(),
                message.eightBitMime(),
                message.submission(),
                message.submitter(),
                message.refusals(),
                message.stream(),
                message.trackingAsked(),
                message.topicAsked()));
        spooled.add(message.content().spooled());
        return SmtpReply.of(250, "2.0.0", "Ok: queued as Q" + messages.size());
    }

    @Override
    public OptionalLong refused(RefusedSubmission submission) {
        refused.add(submission);
        return OptionalLong.of(refused.size());
    }

    /** The refused messages the session handed over, in order. */
    List<RefusedSubmission> refused() {
        return List.copyOf(refused);
    }

    void failFromNowOn() {
        failing = true;
    }

    /** For each message, whether its bytes were in a spool file rather than in memory when it was accepted. */
    List<Boolean> spooled() {
        return List.copyOf(spooled);
    }

    List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }
}

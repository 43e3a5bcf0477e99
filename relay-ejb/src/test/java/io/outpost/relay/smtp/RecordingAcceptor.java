package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link MessageAcceptor} that records every message and can be told to fail. */
final class RecordingAcceptor implements MessageAcceptor {

    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public SmtpReply accept(ReceivedMessage message) {
        if (failing) {
            throw new IllegalStateException("disk full (test)");
        }
        messages.add(message);
        return SmtpReply.of(250, "2.0.0", "Ok: queued as Q" + messages.size());
    }

    void failFromNowOn() {
        failing = true;
    }

    List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }
}

package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import java.util.List;

/** A message to be committed to the queue: envelope and exact bytes. */
public record NewMessage(
        ReversePath sender, List<EmailAddress> recipients, byte[] content, String clientAddress, boolean smtpUtf8) {

    public NewMessage {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
    }
}

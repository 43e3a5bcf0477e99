package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to be committed to the queue: envelope and exact bytes.
 *
 * @param returnPath the domain of the VERP envelope sender to use on delivery, or empty to keep {@code sender}
 * @param authentication how it was signed and aligned (or why not), recorded with the message
 */
public record NewMessage(
        ReversePath sender,
        List<EmailAddress> recipients,
        byte[] content,
        String clientAddress,
        boolean smtpUtf8,
        Optional<Domain> returnPath,
        String authentication) {

    public NewMessage {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(authentication, "authentication");
    }
}

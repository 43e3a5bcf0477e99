package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import java.util.List;

/**
 * A message whose DATA ended well, ready to be committed. {@code content} holds the exact bytes as received (CRLF line
 * ends, dot-unstuffed, no terminating ".\r\n") with the Received header (and, for submissions, Message-ID/Date)
 * already prepended.
 */
public record ReceivedMessage(
        ReversePath sender,
        List<EmailAddress> recipients,
        byte[] content,
        ClientInfo client,
        boolean smtpUtf8,
        boolean eightBitMime) {

    public ReceivedMessage {
        recipients = List.copyOf(recipients);
    }
}

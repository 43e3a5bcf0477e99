package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.smtp.auth.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message whose DATA ended well, ready to be committed. {@code content} holds the exact bytes as received (CRLF line
 * ends, dot-unstuffed, no terminating ".\r\n") with the Received header (and, for submissions, Message-ID/Date)
 * already prepended; the session owns it and deletes it once the acceptor has answered. Each recipient mailbox is in
 * {@code recipients} once, however often it was given.
 *
 * @param submission true if a client submitted it (authenticated, or from a trusted network), false for mail arriving
 *     for a local domain
 * @param submitter the identity it was sent as: the authenticated credential or the tenant of the trusted network
 * @param refusals the recipients of the transaction a policy refused, each as its story tells it
 * @param stream the stream it goes on
 * @param trackingAsked the value of the {@code X-Outpost-Track} field a submitter gave it (taken out of the content),
 *     for the acceptor to read
 * @param topicAsked the value of the {@code X-Outpost-Topic} field a submitter gave it (taken out of the content), for
 *     the acceptor to read
 */
public record ReceivedMessage(
        ReversePath sender,
        List<EmailAddress> recipients,
        MessageContent content,
        ClientInfo client,
        boolean smtpUtf8,
        boolean eightBitMime,
        boolean submission,
        Optional<Identity> submitter,
        List<String> refusals,
        MessageStream stream,
        Optional<String> trackingAsked,
        Optional<String> topicAsked) {

    /** A transactional message none of whose recipients was refused. */
    public ReceivedMessage(
            ReversePath sender,
            List<EmailAddress> recipients,
            MessageContent content,
            ClientInfo client,
            boolean smtpUtf8,
            boolean eightBitMime,
            boolean submission,
            Optional<Identity> submitter) {
        this(
                sender,
                recipients,
                content,
                client,
                smtpUtf8,
                eightBitMime,
                submission,
                submitter,
                List.of(),
                MessageStream.TRANSACTIONAL,
                Optional.empty(),
                Optional.empty());
    }

    public ReceivedMessage {
        recipients = EmailAddress.distinctMailboxes(recipients);
        Objects.requireNonNull(submitter, "submitter");
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(trackingAsked, "trackingAsked");
        Objects.requireNonNull(topicAsked, "topicAsked");
    }
}

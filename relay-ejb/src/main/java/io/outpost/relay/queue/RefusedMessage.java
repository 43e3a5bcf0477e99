package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.tenant.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's message a policy refused before it was queued, to be recorded (without its content) so the tenant finds
 * it and its story like any other.
 *
 * @param sizeOctets the size it had when it was refused
 * @param submittedBy who submitted it: the SMTP user name, the API key id, or the trusted network
 * @param tls the TLS protocol and cipher suite it arrived over; empty for a plain connection
 * @param reply what the client was told, kept as each recipient's last reply
 * @param detail the refusal as the story tells it: which policy, at which phase, its reply
 * @param headerMessageId the msg-id of its Message-ID field, if it had one, by which its tenant finds it
 * @param recipientRefusals recipients refused at RCPT before the message itself was, as the story tells them
 */
public record RefusedMessage(
        ReversePath sender,
        List<EmailAddress> recipients,
        long sizeOctets,
        String clientAddress,
        TenantId tenant,
        Optional<String> submittedBy,
        Optional<String> tls,
        SmtpReply reply,
        String detail,
        Optional<String> headerMessageId,
        List<String> recipientRefusals) {

    public RefusedMessage {
        Objects.requireNonNull(sender, "sender");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a refused message names at least one recipient");
        }
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(headerMessageId, "headerMessageId");
        recipientRefusals = List.copyOf(recipientRefusals);
    }
}

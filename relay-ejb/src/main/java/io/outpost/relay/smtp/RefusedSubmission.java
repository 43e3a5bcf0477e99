package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.plugin.PolicyRefusal;
import io.outpost.relay.smtp.auth.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole message a policy refused before it was queued, for its story: its envelope and size, where it came from, who
 * sent it, and the refusal.
 *
 * @param recipients every recipient it was for (over HTTP, including the one refused at RCPT)
 * @param submitter the identity it was sent as; a refusal is kept only for a tenant's message, which its tenant reads
 * @param headerMessageId the msg-id of its Message-ID field, if it had one by then, by which its tenant finds it
 * @param recipientRefusals recipients of its SMTP transaction refused at RCPT before, as the story tells them
 */
public record RefusedSubmission(
        ReversePath sender,
        List<EmailAddress> recipients,
        long sizeOctets,
        ClientInfo client,
        Optional<Identity> submitter,
        PolicyRefusal refusal,
        Optional<String> headerMessageId,
        List<String> recipientRefusals) {

    public RefusedSubmission {
        Objects.requireNonNull(sender, "sender");
        recipients = EmailAddress.distinctMailboxes(recipients);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(headerMessageId, "headerMessageId");
        recipientRefusals = List.copyOf(recipientRefusals);
    }
}

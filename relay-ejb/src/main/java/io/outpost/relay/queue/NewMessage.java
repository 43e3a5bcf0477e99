package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message to be committed to the queue: envelope and exact bytes. The bytes are streamed into the database; whoever
 * made them deletes them once the commit has returned.
 *
 * @param returnPath the domain of the VERP envelope sender to use on delivery, or empty to keep {@code sender}
 * @param authentication how it was signed and aligned (or why not), recorded with the message
 * @param tenant whose message it is: the tenant of the credential or API key that submitted it
 * @param headerMessageId the msg-id of its Message-ID field, without angle brackets, by which its tenant finds it
 * @param submittedBy who submitted it: the SMTP user name, the API key id, or the trusted network; for its story
 * @param tls the TLS protocol and cipher suite it arrived over, for its story; empty for a plain connection
 * @param refusals recipients of its transaction a policy refused, as its story tells them (REFUSED events)
 * @param options its stream and schedule, and an HTTP request's idempotency key and labels
 * @param id the id reserved for it before it was signed, when its content names it (tracking links); empty to take
 *     the next at commit
 */
public record NewMessage(
        ReversePath sender,
        List<EmailAddress> recipients,
        MessageContent content,
        String clientAddress,
        boolean smtpUtf8,
        Optional<Domain> returnPath,
        String authentication,
        Optional<TenantId> tenant,
        Optional<String> headerMessageId,
        Optional<String> submittedBy,
        Optional<String> tls,
        List<String> refusals,
        SendOptions options,
        OptionalLong id) {

    /** A transactional message of the queue's tests and tools, sent at once: no recipient refused, no key, no labels. */
    public NewMessage(
            ReversePath sender,
            List<EmailAddress> recipients,
            MessageContent content,
            String clientAddress,
            boolean smtpUtf8,
            Optional<Domain> returnPath,
            String authentication,
            Optional<TenantId> tenant,
            Optional<String> headerMessageId,
            Optional<String> submittedBy,
            Optional<String> tls) {
        this(
                sender,
                recipients,
                content,
                clientAddress,
                smtpUtf8,
                returnPath,
                authentication,
                tenant,
                headerMessageId,
                submittedBy,
                tls,
                List.of(),
                SendOptions.on(MessageStream.TRANSACTIONAL),
                OptionalLong.empty());
    }

    /** A message found by its queue id only: Outpost's own (a DSN), or one made in a test. */
    public NewMessage(
            ReversePath sender,
            List<EmailAddress> recipients,
            MessageContent content,
            String clientAddress,
            boolean smtpUtf8,
            Optional<Domain> returnPath,
            String authentication,
            Optional<TenantId> tenant) {
        this(
                sender,
                recipients,
                content,
                clientAddress,
                smtpUtf8,
                returnPath,
                authentication,
                tenant,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A message of no tenant: to a local domain, or Outpost's own (a DSN). */
    public NewMessage(
            ReversePath sender,
            List<EmailAddress> recipients,
            MessageContent content,
            String clientAddress,
            boolean smtpUtf8,
            Optional<Domain> returnPath,
            String authentication) {
        this(sender, recipients, content, clientAddress, smtpUtf8, returnPath, authentication, Optional.empty());
    }

    public NewMessage {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(headerMessageId, "headerMessageId");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(tls, "tls");
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(id, "id");
    }
}

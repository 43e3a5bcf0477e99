package io.outpost.api.plugin;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link SubmissionPolicy} sees of a message being submitted, over SMTP or the HTTP API alike: an immutable
 * snapshot, made for each call, of what is known at that phase. Never an engine object.
 *
 * @param channel how it is submitted
 * @param client where from: address, names, TLS
 * @param principal who authenticated (SMTP AUTH or an API key); empty for an unauthenticated client
 * @param tenant whose message it is: the principal's tenant, or that of a trusted network; empty for mail that is no
 *     tenant's (to the relay's own domains, or from the operator's own hosts)
 * @param sender the envelope sender, from MAIL on
 * @param recipients the recipients accepted so far (at RCPT: before {@code recipient})
 * @param recipient the recipient being decided, at RCPT only
 * @param headers the header fields, at MESSAGE only
 * @param size the message's size in octets, at MESSAGE only
 * @param stream the stream it is sent on: transactional or bulk (at MAIL and RCPT over SMTP, its credential's default;
 *     at MESSAGE, as its header chose it)
 */
public record Submission(
        Channel channel,
        ClientConnection client,
        Optional<AuthenticatedPrincipal> principal,
        Optional<TenantId> tenant,
        Optional<ReversePath> sender,
        List<EmailAddress> recipients,
        Optional<EmailAddress> recipient,
        Optional<MessageHeaders> headers,
        OptionalLong size,
        MessageStream stream) {

    /** How a message is submitted. */
    public enum Channel {
        SMTP,
        HTTP
    }

    public Submission {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(stream, "stream");
    }
}

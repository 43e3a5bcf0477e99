package io.outpost.relay.plugin;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Submission;
import io.outpost.api.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Makes the {@link Submission} a policy is shown, the same way for the SMTP session and the HTTP API: who and where
 * from first, then the envelope, then the message.
 */
public final class SubmissionView {

    private final Submission.Channel channel;
    private final ClientConnection client;
    private final Optional<AuthenticatedPrincipal> principal;
    private final Optional<TenantId> tenant;
    private Optional<ReversePath> sender = Optional.empty();
    private List<EmailAddress> accepted = List.of();
    private Optional<EmailAddress> recipient = Optional.empty();
    private Optional<MessageHeaders> headers = Optional.empty();
    private OptionalLong size = OptionalLong.empty();
    private MessageStream stream = MessageStream.TRANSACTIONAL;

    public SubmissionView(
            Submission.Channel channel,
            ClientConnection client,
            Optional<AuthenticatedPrincipal> principal,
            Optional<TenantId> tenant) {
        this.channel = channel;
        this.client = client;
        this.principal = principal;
        this.tenant = tenant;
    }

    /** The envelope so far: its sender, the recipients accepted, and the one being decided at RCPT. */
    public SubmissionView envelope(
            Optional<ReversePath> sender, List<EmailAddress> accepted, Optional<EmailAddress> recipient) {
        this.sender = sender;
        this.accepted = accepted;
        this.recipient = recipient;
        return this;
    }

    /** The message, at MESSAGE: its header fields and size. */
    public SubmissionView message(MessageHeaders headers, long size) {
        this.headers = Optional.of(headers);
        this.size = OptionalLong.of(size);
        return this;
    }

    /** The stream the message goes on, as far as it is known yet (transactional until someone says otherwise). */
    public SubmissionView stream(MessageStream value) {
        this.stream = value;
        return this;
    }

    public Submission build() {
        return new Submission(channel, client, principal, tenant, sender, accepted, recipient, headers, size, stream);
    }
}

package io.outpost.api.plugin.testing;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.HeaderField;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Submission;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the {@link Submission} a policy is given, for tests: by default an SMTP client at 192.0.2.10 (a documentation
 * address) that said {@code EHLO client.example} over TLS 1.3, not authenticated, no envelope yet. Each method sets one
 * part; {@link #build()} makes the immutable view.
 */
public final class FakeSubmission {

    private final Submission.Channel channel;
    private InetAddress address = literal("192.0.2.10");
    private Optional<String> reverseName = Optional.empty();
    private Optional<String> heloName;
    private Optional<ClientConnection.Tls> tls =
            Optional.of(new ClientConnection.Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256"));
    private Optional<AuthenticatedPrincipal> principal = Optional.empty();
    private Optional<TenantId> tenant = Optional.empty();
    private Optional<ReversePath> sender = Optional.empty();
    private final List<EmailAddress> recipients = new ArrayList<>();
    private Optional<EmailAddress> recipient = Optional.empty();
    private Optional<MessageHeaders> headers = Optional.empty();
    private final List<HeaderField> fields = new ArrayList<>();
    private OptionalLong size = OptionalLong.empty();
    private MessageStream stream = MessageStream.TRANSACTIONAL;

    private FakeSubmission(Submission.Channel channel, Optional<String> heloName) {
        this.channel = channel;
        this.heloName = heloName;
    }

    /** A submission over SMTP. */
    public static FakeSubmission smtp() {
        return new FakeSubmission(Submission.Channel.SMTP, Optional.of("client.example"));
    }

    /** A submission over the HTTP API: no HELO name. */
    public static FakeSubmission http() {
        return new FakeSubmission(Submission.Channel.HTTP, Optional.empty());
    }

    public FakeSubmission from(String clientAddress) {
        this.address = literal(clientAddress);
        return this;
    }

    public FakeSubmission reverseName(String name) {
        this.reverseName = Optional.of(name);
        return this;
    }

    public FakeSubmission helo(String name) {
        this.heloName = Optional.of(name);
        return this;
    }

    /** A connection without TLS. */
    public FakeSubmission plain() {
        this.tls = Optional.empty();
        return this;
    }

    /** Authenticated as {@code credential} of {@code tenant}, which it then sends for. */
    public FakeSubmission authenticatedAs(String tenant, String credential) {
        TenantId id = TenantId.of(tenant);
        this.principal = Optional.of(new AuthenticatedPrincipal(id, CredentialId.of(credential)));
        this.tenant = Optional.of(id);
        return this;
    }

    /** Sent for {@code tenant} without a login: from a network the operator trusts on the tenant's behalf. */
    public FakeSubmission forTenant(String tenant) {
        this.principal = Optional.empty();
        this.tenant = Optional.of(TenantId.of(tenant));
        return this;
    }

    /** The envelope sender; {@code ""} for the null path. */
    public FakeSubmission sender(String address) {
        this.sender = Optional.of(address.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(address)));
        return this;
    }

    /** A recipient accepted before the one being decided. */
    public FakeSubmission accepted(String address) {
        recipients.add(EmailAddress.parse(address));
        return this;
    }

    /** The recipient being decided (the RCPT phase). */
    public FakeSubmission recipient(String address) {
        this.recipient = Optional.of(EmailAddress.parse(address));
        return this;
    }

    /** One more header field (the MESSAGE phase). */
    public FakeSubmission header(String name, String value) {
        fields.add(new HeaderField(name, value));
        this.headers = Optional.of(new MessageHeaders(fields));
        return this;
    }

    public FakeSubmission size(long octets) {
        this.size = OptionalLong.of(octets);
        return this;
    }

    public FakeSubmission stream(MessageStream value) {
        this.stream = value;
        return this;
    }

    public Submission build() {
        return new Submission(
                channel,
                new ClientConnection(address, reverseName, heloName, tls),
                principal,
                tenant,
                sender,
                recipients,
                recipient,
                headers.map(h -> new MessageHeaders(fields)),
                size,
                stream);
    }

    private static InetAddress literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("an IP address literal, not " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}

package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Optional;

/**
 * What every secret a tenant holds (SMTP credential, API key) shares: its tenant, its sending limits, when it was
 * created and last used, its default stream, and its revocation. Revoking keeps the row, for the audit trail and so its name is never handed out again.
 */
@MappedSuperclass
public abstract class TenantSecret {

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "tenant", nullable = false)
    protected Tenant tenant;

    @Column(name = "created_at", nullable = false)
    protected Instant createdAt;

    @Column(name = "last_used_at")
    protected Instant lastUsedAt;

    @Column(name = "revoked", nullable = false)
    protected boolean revoked;

    @Column(name = "revoked_at")
    protected Instant revokedAt;

    @Column(name = "max_messages_per_hour")
    private Integer maxMessagesPerHour;

    @Column(name = "max_recipients_per_message")
    private Integer maxRecipientsPerMessage;

    /** The stream its messages go on when they name none; null: its tenant's default. */
    @Enumerated(EnumType.STRING)
    @Column(name = "default_stream", length = 16)
    private MessageStream defaultStream;

    protected TenantSecret() {}

    protected TenantSecret(Tenant tenant, Instant createdAt, CredentialLimits limits) {
        this.tenant = tenant;
        this.createdAt = createdAt;
        this.maxMessagesPerHour = limits.messagesPerHour();
        this.maxRecipientsPerMessage = limits.recipientsPerMessage();
    }

    /** What this secret may send: messages per hour and recipients per message. */
    public CredentialLimits limits() {
        return new CredentialLimits(maxMessagesPerHour, maxRecipientsPerMessage);
    }

    /** The stream its messages go on when they name none; empty: its tenant's default. */
    public Optional<MessageStream> defaultStream() {
        return Optional.ofNullable(defaultStream);
    }

    void defaultStream(Optional<MessageStream> stream) {
        this.defaultStream = stream.orElse(null);
    }

    public Tenant tenant() {
        return tenant;
    }

    public boolean revoked() {
        return revoked;
    }

    /** Revokes it from now on; revoking twice keeps the first time. */
    public void revoke(Instant at) {
        if (!revoked) {
            revoked = true;
            revokedAt = at;
        }
    }

    /** Records a use; uses recorded out of order never move the time back. */
    public void markUsed(Instant at) {
        if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
            lastUsedAt = at;
        }
    }
}

package io.outpost.relay.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An SMTP AUTH user name and password of a tenant. The password is stored only as a PBKDF2 hash; revoking keeps the
 * row (for the audit trail and so the name is never handed out again) but AUTH refuses it.
 */
@Entity
@Table(name = "outpost_smtp_credential")
@SequenceGenerator(name = "outpost_credential_ids", sequenceName = "outpost_credential_seq", allocationSize = 10)
public class SmtpCredential {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_credential_ids")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "tenant", nullable = false)
    private Tenant tenant;

    @Column(name = "username", length = 255, nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", length = 512, nullable = false)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "max_messages_per_hour")
    private Integer maxMessagesPerHour;

    @Column(name = "max_recipients_per_message")
    private Integer maxRecipientsPerMessage;

    protected SmtpCredential() {}

    public SmtpCredential(
            Tenant tenant, String username, String passwordHash, Instant createdAt, CredentialLimits limits) {
        this.tenant = tenant;
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.maxMessagesPerHour = limits.messagesPerHour();
        this.maxRecipientsPerMessage = limits.recipientsPerMessage();
    }

    public Tenant tenant() {
        return tenant;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean revoked() {
        return revoked;
    }

    public void revoke(Instant at) {
        if (!revoked) {
            revoked = true;
            revokedAt = at;
        }
    }

    public void markUsed(Instant at) {
        if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
            lastUsedAt = at;
        }
    }

    public CredentialLimits limits() {
        return new CredentialLimits(maxMessagesPerHour, maxRecipientsPerMessage);
    }

    CredentialView view() {
        return new CredentialView(tenant.tenantId(), username, createdAt, lastUsedAt, revoked, revokedAt, limits());
    }
}

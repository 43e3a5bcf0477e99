package io.outpost.relay.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
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
public class SmtpCredential extends TenantSecret {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_credential_ids")
    private long id;

    @Column(name = "username", length = 255, nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", length = 512, nullable = false)
    private String passwordHash;

    protected SmtpCredential() {}

    public SmtpCredential(
            Tenant tenant, String username, String passwordHash, Instant createdAt, CredentialLimits limits) {
        super(tenant, createdAt, limits);
        this.username = username;
        this.passwordHash = passwordHash;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    CredentialView view() {
        return new CredentialView(
                tenant.tenantId(), username, createdAt, lastUsedAt, revoked, revokedAt, limits(), defaultStream());
    }
}

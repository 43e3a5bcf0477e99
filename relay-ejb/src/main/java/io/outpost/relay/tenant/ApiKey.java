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
 * An API key of a tenant, for the HTTP sending API: a public key id (the prefix of the key, safe to show and log) and
 * the PBKDF2 hash of the secret part.
 */
@Entity
@Table(name = "outpost_api_key")
@SequenceGenerator(name = "outpost_api_key_ids", sequenceName = "outpost_api_key_seq", allocationSize = 10)
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_api_key_ids")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "tenant", nullable = false)
    private Tenant tenant;

    @Column(name = "key_id", length = 64, nullable = false, unique = true)
    private String keyId;

    @Column(name = "secret_hash", length = 512, nullable = false)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {}

    public ApiKey(Tenant tenant, String keyId, String secretHash, Instant createdAt) {
        this.tenant = tenant;
        this.keyId = keyId;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    public String keyId() {
        return keyId;
    }

    public String secretHash() {
        return secretHash;
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

    ApiKeyView view() {
        return new ApiKeyView(tenant.tenantId(), keyId, createdAt, lastUsedAt, revoked, revokedAt);
    }
}

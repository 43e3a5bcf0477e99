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
 * An API key of a tenant, for the HTTP sending API: a public key id (the prefix of the key, safe to show and log) and
 * the PBKDF2 hash of the secret part.
 */
@Entity
@Table(name = "outpost_api_key")
@SequenceGenerator(name = "outpost_api_key_ids", sequenceName = "outpost_api_key_seq", allocationSize = 10)
public class ApiKey extends TenantSecret {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_api_key_ids")
    private long id;

    @Column(name = "key_id", length = 64, nullable = false, unique = true)
    private String keyId;

    @Column(name = "secret_hash", length = 512, nullable = false)
    private String secretHash;

    protected ApiKey() {}

    public ApiKey(Tenant tenant, String keyId, String secretHash, Instant createdAt, CredentialLimits limits) {
        super(tenant, createdAt, limits);
        this.keyId = keyId;
        this.secretHash = secretHash;
    }

    public String keyId() {
        return keyId;
    }

    public String secretHash() {
        return secretHash;
    }

    ApiKeyView view() {
        return new ApiKeyView(
                tenant.tenantId(), keyId, createdAt, lastUsedAt, revoked, revokedAt, limits(), defaultStream());
    }
}

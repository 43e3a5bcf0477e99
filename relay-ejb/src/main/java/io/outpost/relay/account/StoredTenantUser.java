package io.outpost.relay.account;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code outpost_tenant_user} (V30__tenant_users.sql). */
@Entity
@Table(name = "outpost_tenant_user")
@SequenceGenerator(name = "outpost_tenant_user_ids", sequenceName = "outpost_tenant_user_seq", allocationSize = 1)
class StoredTenantUser {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_tenant_user_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "email", length = 320, nullable = false, updatable = false)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 10, nullable = false)
    private UserRole role;

    @Column(name = "password_hash", length = 300)
    private String passwordHash;

    @Column(name = "invitation_hash", length = 64)
    private String invitationHash;

    @Column(name = "invitation_expires_at")
    private Instant invitationExpiresAt;

    @Column(name = "invited_by", length = 255, nullable = false, updatable = false)
    private String invitedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    protected StoredTenantUser() {}

    StoredTenantUser(
            TenantId tenant,
            String email,
            UserRole role,
            String invitationHash,
            Instant invitationExpiresAt,
            String invitedBy,
            Instant createdAt) {
        this.tenantId = tenant.value();
        this.email = email;
        this.role = role;
        this.invitationHash = invitationHash;
        this.invitationExpiresAt = invitationExpiresAt;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
    }

    long id() {
        return id;
    }

    TenantId tenant() {
        return TenantId.of(tenantId);
    }

    UserRole role() {
        return role;
    }

    Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    boolean invitationHolds(Instant now) {
        return invitationHash != null && invitationExpiresAt != null && invitationExpiresAt.isAfter(now);
    }

    void signedIn(Instant at) {
        this.lastSignInAt = at;
    }

    TenantUser view() {
        return new TenantUser(
                tenant(),
                EmailAddress.parse(email),
                role,
                passwordHash != null,
                invitedBy,
                createdAt,
                Optional.ofNullable(lastSignInAt));
    }
}

package io.outpost.relay.account;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A person who signs in for a tenant, as lists show them.
 *
 * @param active false while their invitation waits to be accepted
 */
public record TenantUser(
        TenantId tenant,
        EmailAddress email,
        UserRole role,
        boolean active,
        String invitedBy,
        Instant createdAt,
        Optional<Instant> lastSignInAt) {}

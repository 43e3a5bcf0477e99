package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** An SMTP credential as the admin API lists it: never its secret. */
public record CredentialView(
        TenantId tenant,
        String username,
        Instant createdAt,
        Instant lastUsedAt,
        boolean revoked,
        Instant revokedAt,
        CredentialLimits limits,
        Optional<MessageStream> defaultStream) {}

package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** An API key as the admin API lists it: its public id, never its secret. */
public record ApiKeyView(
        TenantId tenant,
        String keyId,
        Instant createdAt,
        Instant lastUsedAt,
        boolean revoked,
        Instant revokedAt,
        CredentialLimits limits,
        Optional<MessageStream> defaultStream) {}

package io.outpost.relay.audience;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;

/** An audience as the API shows it, with the consent text it shows now. */
public record Audience(
        AudienceId id,
        TenantId tenant,
        AudienceSettings settings,
        ConsentText consent,
        Instant createdAt,
        Instant updatedAt) {}

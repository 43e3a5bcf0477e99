package io.outpost.relay.reputation;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A sending domain's bulk mail paused for its rates: why and since when, and, once an administrator resumed it, when
 * and by whom.
 */
public record RatePause(
        TenantId tenant,
        String domain,
        String reason,
        Instant pausedAt,
        Optional<Instant> resumedAt,
        Optional<String> resumedBy) {

    /** True while its bulk mail waits. */
    public boolean active() {
        return resumedAt.isEmpty();
    }
}

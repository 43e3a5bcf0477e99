package io.outpost.relay.tenant;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;

/**
 * A tenant as the APIs show it; its sending domains come from {@code sending.DomainStore}.
 *
 * @param capture true while its messages are captured by the sandbox rather than delivered
 */
public record TenantView(TenantId id, String displayName, Instant createdAt, boolean capture) {}

package io.outpost.relay.suppression;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import java.util.Optional;

/**
 * Whose list an entry is on: the operator's (every tenant's mail), a tenant's (all its mail), or a tenant's for one
 * stream (an unsubscribe from newsletters keeps receipts coming).
 */
public record SuppressionScope(Optional<TenantId> tenant, Optional<MessageStream> stream) {

    /** Stored for "every" tenant or stream, so that a unique constraint can hold (NULLs never collide). */
    static final String EVERY = "";

    public SuppressionScope {
        if (tenant.isEmpty() && stream.isPresent()) {
            throw new IllegalArgumentException("the operator's list is for every stream");
        }
    }

    public static SuppressionScope operator() {
        return new SuppressionScope(Optional.empty(), Optional.empty());
    }

    public static SuppressionScope tenant(TenantId tenant, Optional<MessageStream> stream) {
        return new SuppressionScope(Optional.of(tenant), stream);
    }

    String tenantKey() {
        return tenantKey(tenant);
    }

    /** How {@code tenant}'s lists are stored: its id, or {@link #EVERY} for the operator's. */
    static String tenantKey(Optional<TenantId> tenant) {
        return tenant.map(TenantId::value).orElse(EVERY);
    }

    String streamKey() {
        return stream.map(MessageStream::wireName).orElse(EVERY);
    }

    static SuppressionScope of(String tenantKey, String streamKey) {
        return new SuppressionScope(
                tenantKey.equals(EVERY) ? Optional.empty() : Optional.of(TenantId.of(tenantKey)),
                streamKey.equals(EVERY) ? Optional.empty() : Optional.of(MessageStream.of(streamKey)));
    }
}

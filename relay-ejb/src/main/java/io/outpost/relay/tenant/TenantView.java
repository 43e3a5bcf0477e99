package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tracking.TrackingOptions;
import java.time.Instant;

/**
 * A tenant as the APIs show it; its sending domains come from {@code sending.DomainStore}.
 *
 * @param capture true while its messages are captured by the sandbox rather than delivered
 * @param defaultStream the stream its messages go on when neither they nor their credential name one
 * @param transactionalTracking what its transactional messages track when they do not say
 * @param bulkTracking what its bulk messages track when they do not say
 * @param refuseSuppressedAtRcpt true if its recipients on a suppression list are refused at RCPT, not held before delivery
 */
public record TenantView(
        TenantId id,
        String displayName,
        Instant createdAt,
        boolean capture,
        MessageStream defaultStream,
        TrackingOptions transactionalTracking,
        TrackingOptions bulkTracking,
        boolean refuseSuppressedAtRcpt) {}

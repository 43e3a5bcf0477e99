package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link DomainEvent} as the APIs show it and as CDI observers receive it once its transaction has committed.
 *
 * @param subject the DNS name (for record events, prefixed by the record kind) or the selector
 */
public record DomainEventView(
        TenantId tenant,
        Domain domain,
        Instant at,
        DomainEvent.Kind kind,
        String subject,
        Optional<CheckStatus> previousStatus,
        Optional<CheckStatus> status,
        String detail) {}

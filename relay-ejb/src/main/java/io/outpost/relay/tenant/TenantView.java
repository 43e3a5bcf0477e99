package io.outpost.relay.tenant;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** A tenant as the admin API shows it. */
public record TenantView(TenantId id, String displayName, List<Domain> sendingDomains, Instant createdAt) {

    public TenantView {
        sendingDomains = List.copyOf(sendingDomains);
    }
}

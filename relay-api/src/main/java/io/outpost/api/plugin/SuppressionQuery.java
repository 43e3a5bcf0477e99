package io.outpost.api.plugin;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.util.Objects;

/**
 * Should mail of this kind from this tenant still go to this recipient?
 *
 * @param tenant whose message it is
 * @param recipient the envelope recipient
 * @param kind transactional or marketing
 */
public record SuppressionQuery(TenantId tenant, EmailAddress recipient, MessageKind kind) {

    public SuppressionQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
    }
}

package io.outpost.relay.reputation;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.tenant.TenantId;
import java.util.Map;
import java.util.Optional;

/**
 * The rate pauses in force, as the last check read them: what delivery asks before each attempt, a map look-up and no
 * container call. Thread-safe; the watch replaces its map.
 */
public final class ActivePauses {

    record Key(TenantId tenant, String domain) {}

    private volatile Map<Key, String> reasons = Map.of();

    void replace(Map<Key, String> active) {
        reasons = Map.copyOf(active);
    }

    Map<Key, String> current() {
        return reasons;
    }

    /**
     * The reply a tenant's bulk message from {@code sender} (its envelope sender) waits with while the sender's domain
     * is paused. RFC 3463 §3.8: X.7.1, delivery not authorized; 4xx, because it goes once an administrator resumes it.
     */
    public Optional<SmtpReply> reply(TenantId tenant, EmailAddress sender) {
        String domain = DomainRates.domainOf(sender);
        return Optional.ofNullable(reasons.get(new Key(tenant, domain)))
                .map(why -> SmtpReply.of(
                        451,
                        "4.7.1",
                        "Bulk mail from " + domain + " paused by Outpost: " + why + "; an administrator resumes it"));
    }
}

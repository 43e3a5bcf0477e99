package io.outpost.relay.tenant;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Which tenants have their recipients on a suppression list refused at RCPT ({@code 550 5.7.1} with the reason) rather
 * than accepted and held before delivery, the default (a client that is refused learns who is on the list). Asked for
 * every recipient, so a tenant's setting is read from memory, at most {@link #TTL} old.
 */
@ApplicationScoped
public class RcptSuppression {

    /** How long a tenant's setting is used before it is read again: how late another node sees a change. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private TenantStore store;

    private ExpiringCache<TenantId, Boolean> tenants;

    @PostConstruct
    void create() {
        tenants = new ExpiringCache<>(store::refusesSuppressedAtRcpt, TTL, MAX_ENTRIES, System::nanoTime);
    }

    /** True if {@code tenant} refuses its suppressed recipients at RCPT. */
    public boolean refuses(TenantId tenant) {
        return tenants.get(tenant);
    }

    /** Sets it for a tenant; this node sees it at once. */
    public TenantView set(TenantId tenant, boolean refuse) throws NoSuchEntryException {
        TenantView changed = store.refuseSuppressedAtRcpt(tenant, refuse);
        tenants.invalidate(tenant);
        return changed;
    }
}

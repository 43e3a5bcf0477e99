package io.outpost.relay.tenant;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import io.outpost.relay.config.RelayConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which messages the sandbox (capture mode) keeps instead of delivering: every message when the server captures all
 * ({@code outpost.capture}, on by default in the {@code dev} profile), otherwise those of tenants whose capture is on.
 * A captured message was accepted, signed and stored exactly as it would leave; its recipients end CAPTURED, and no
 * host is asked. Asked before every delivery attempt, so a tenant's flag is read from memory, at most {@link #TTL} old.
 */
@ApplicationScoped
public class Sandbox {

    /** How long a tenant's flag is used before it is read again: how late another node sees a change. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

    @Inject
    private RelayConfiguration config;

    @EJB
    private TenantStore store;

    private boolean all;
    private ExpiringCache<TenantId, Boolean> tenants;

    @PostConstruct
    void create() {
        all = config.captureAll();
        if (all) {
            LOG.warning(
                    "The sandbox captures every message (outpost.capture, or the dev profile): messages are accepted,"
                            + " signed and kept as they would leave, and none is delivered. Read them with GET"
                            + " /api/v1/admin/messages/{id}/raw. Never run a production relay so.");
        }
        tenants = new ExpiringCache<>(store::captures, TTL, MAX_ENTRIES, System::nanoTime);
    }

    // Made at start, so that a server that captures everything says so in its log before the first message.
    void atStart(@Observes Startup start) {
        LOG.fine(() -> "sandbox ready; capturing every message: " + all);
    }

    /** True if a message of {@code tenant} (empty: no tenant's) is to be captured rather than delivered. */
    public boolean captures(Optional<TenantId> tenant) {
        return all || tenant.map(tenants::get).orElse(false);
    }

    /** Turns capture on or off for a tenant; this node sees it at once. */
    public TenantView capture(TenantId tenant, boolean capture) throws NoSuchEntryException {
        TenantView changed = store.capture(tenant, capture);
        tenants.invalidate(tenant);
        return changed;
    }
}

package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.tracking.TrackingOptions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * What a message gets when it does not say: the stream it goes on (its API key's or SMTP credential's default, else
 * its tenant's) and what is tracked in it (its tenant's setting for that stream). Asked for every message, so read
 * from memory, at most {@link #TTL} old.
 */
@ApplicationScoped
public class SendingDefaults {

    /** How long a default is used before it is read again: how late a change is seen. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private TenantStore store;

    private ExpiringCache<String, MessageStream> apiKeys;
    private ExpiringCache<Identity, MessageStream> senders;
    private ExpiringCache<TenantId, Map<MessageStream, TrackingOptions>> tracking;

    @PostConstruct
    void create() {
        apiKeys = new ExpiringCache<>(store::streamOfApiKey, TTL, MAX_ENTRIES, System::nanoTime);
        senders = new ExpiringCache<>(store::streamOfSender, TTL, MAX_ENTRIES, System::nanoTime);
        tracking = new ExpiringCache<>(
                tenant -> Map.of(
                        MessageStream.BULK, store.trackingOf(tenant, MessageStream.BULK),
                        MessageStream.TRANSACTIONAL, store.trackingOf(tenant, MessageStream.TRANSACTIONAL)),
                TTL,
                MAX_ENTRIES,
                System::nanoTime);
    }

    /** The default stream of messages sent with the API key {@code keyId}. */
    public MessageStream ofApiKey(String keyId) {
        return apiKeys.get(keyId);
    }

    /** The default stream of messages an SMTP client submits as {@code sender} (a credential or trusted network). */
    public MessageStream ofSender(Identity sender) {
        return senders.get(sender);
    }

    /** What a message of {@code tenant} on {@code stream} tracks when it does not say. */
    public TrackingOptions tracking(TenantId tenant, MessageStream stream) {
        return tracking.get(tenant).get(stream);
    }

    /** Sets what a tenant's messages on a stream track; this node sees it at once, others within {@link #TTL}. */
    public TenantView setTracking(TenantId tenant, MessageStream stream, TrackingOptions options)
            throws NoSuchEntryException {
        TenantView changed = store.tracking(tenant, stream, options);
        tracking.invalidate(tenant);
        return changed;
    }

    /** Sets a tenant's default; this node sees it at once, others within {@link #TTL}. */
    public TenantView setTenantDefault(TenantId tenant, MessageStream stream) throws NoSuchEntryException {
        TenantView changed = store.defaultStream(tenant, stream);
        apiKeys.invalidateAll();
        senders.invalidateAll();
        return changed;
    }
}

package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import io.outpost.relay.smtp.auth.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The stream a message goes on when it names none itself: its API key's or SMTP credential's default, else its
 * tenant's. Asked for every message, so read from memory, at most {@link #TTL} old.
 */
@ApplicationScoped
public class StreamDefaults {

    /** How long a default is used before it is read again: how late a change is seen. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private TenantStore store;

    private ExpiringCache<String, MessageStream> apiKeys;
    private ExpiringCache<Identity, MessageStream> senders;

    @PostConstruct
    void create() {
        apiKeys = new ExpiringCache<>(store::streamOfApiKey, TTL, MAX_ENTRIES, System::nanoTime);
        senders = new ExpiringCache<>(store::streamOfSender, TTL, MAX_ENTRIES, System::nanoTime);
    }

    /** The default stream of messages sent with the API key {@code keyId}. */
    public MessageStream ofApiKey(String keyId) {
        return apiKeys.get(keyId);
    }

    /** The default stream of messages an SMTP client submits as {@code sender} (a credential or trusted network). */
    public MessageStream ofSender(Identity sender) {
        return senders.get(sender);
    }

    /** Sets a tenant's default; this node sees it at once, others within {@link #TTL}. */
    public TenantView setTenantDefault(TenantId tenant, MessageStream stream) throws NoSuchEntryException {
        TenantView changed = store.defaultStream(tenant, stream);
        apiKeys.invalidateAll();
        senders.invalidateAll();
        return changed;
    }
}

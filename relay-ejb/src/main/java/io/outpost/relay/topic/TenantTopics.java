package io.outpost.relay.topic;

import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import io.outpost.relay.schema.UniqueViolation;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tenants' topics read from memory, at most {@link #TTL} old: a message naming one is checked against them as it
 * is submitted, and the unsubscribe page lists them. Changes go through here, so this node sees them at once.
 */
@ApplicationScoped
public class TenantTopics {

    /** How long a tenant's topics are used before they are read again: how late another node sees a change. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private TopicStore store;

    private ExpiringCache<TenantId, List<TopicView>> tenants;

    @PostConstruct
    void create() {
        tenants = new ExpiringCache<>(store::all, TTL, MAX_ENTRIES, System::nanoTime);
    }

    /** The tenant's topics, by name. */
    public List<TopicView> of(TenantId tenant) {
        return tenants.get(tenant);
    }

    /** The tenant's topic of that name, if it has one. */
    public Optional<TopicView> find(TenantId tenant, Topic topic) {
        return of(tenant).stream().filter(view -> view.topic().equals(topic)).findFirst();
    }

    /** Creates or changes a topic ({@link TopicStore#put}). */
    public TopicStore.Put put(TenantId tenant, Topic topic, String title, Optional<String> description)
            throws TopicStore.TooManyTopics {
        TopicStore.Put put;
        try {
            put = store.put(tenant, topic, title, description);
        } catch (EJBException e) {
            if (!UniqueViolation.causedIn(e)) {
                throw e;
            }
            // Another request created it at the same moment (its transaction rolled back): this one changes it.
            put = store.put(tenant, topic, title, description);
        }
        tenants.invalidate(tenant);
        return put;
    }

    /** Deletes a topic ({@link TopicStore#delete}). */
    public boolean delete(TenantId tenant, Topic topic) {
        boolean deleted = store.delete(tenant, topic);
        tenants.invalidate(tenant);
        return deleted;
    }
}

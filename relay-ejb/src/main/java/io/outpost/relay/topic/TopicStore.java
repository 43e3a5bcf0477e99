package io.outpost.relay.topic;

import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The tenants' topics ({@code outpost_topic}, V29). Every call names its tenant, and no query reads another's. Each
 * public method is one transaction.
 */
@Stateless
public class TopicStore {

    /** Most topics one tenant may have: a preference centre with more helps no one choose. */
    public static final int MAX_TOPICS = 50;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** What {@link #put} did. */
    public record Put(TopicView topic, boolean created) {}

    /**
     * Creates the topic, or changes its title and description.
     *
     * @throws TooManyTopics when the tenant has {@link #MAX_TOPICS} already
     */
    public Put put(TenantId tenant, Topic topic, String title, Optional<String> description) throws TooManyTopics {
        Optional<TopicView> existing = find(tenant, topic);
        if (existing.isPresent()) {
            em.createNativeQuery("UPDATE outpost_topic SET title = ?1, description = ?2 WHERE tenant_id = ?3"
                            + " AND name = ?4")
                    .setParameter(1, title)
                    .setParameter(2, description.orElse(null))
                    .setParameter(3, tenant.value())
                    .setParameter(4, topic.name())
                    .executeUpdate();
            return new Put(
                    new TopicView(topic, title, description, existing.get().createdAt()), false);
        }
        if (all(tenant).size() >= MAX_TOPICS) {
            throw new TooManyTopics();
        }
        TopicView created = new TopicView(topic, title, description, clock.instant());
        em.createNativeQuery("INSERT INTO outpost_topic (tenant_id, name, title, description, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tenant.value())
                .setParameter(2, topic.name())
                .setParameter(3, title)
                .setParameter(4, description.orElse(null))
                .setParameter(5, Timestamp.from(created.createdAt()))
                .executeUpdate();
        return new Put(created, true);
    }

    /** Deletes the topic; false if the tenant has none of that name. Its suppression list stays, as history. */
    public boolean delete(TenantId tenant, Topic topic) {
        return em.createNativeQuery("DELETE FROM outpost_topic WHERE tenant_id = ?1 AND name = ?2")
                        .setParameter(1, tenant.value())
                        .setParameter(2, topic.name())
                        .executeUpdate()
                > 0;
    }

    /** The tenant's topics, by name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TopicView> all(TenantId tenant) {
        List<?> rows = em.createNativeQuery("SELECT name, title, description, created_at FROM outpost_topic"
                        + " WHERE tenant_id = ?1 ORDER BY name")
                .setParameter(1, tenant.value())
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new TopicView(
                        new Topic((String) row[0]),
                        (String) row[1],
                        Optional.ofNullable((String) row[2]),
                        ((Timestamp) row[3]).toInstant()))
                .toList();
    }

    /** The tenant's topic of that name, if it has one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<TopicView> find(TenantId tenant, Topic topic) {
        return all(tenant).stream().filter(view -> view.topic().equals(topic)).findFirst();
    }

    /** The tenant has as many topics as it may. */
    public static final class TooManyTopics extends Exception {
        private static final long serialVersionUID = 1L;

        public TooManyTopics() {
            super("a tenant has at most " + MAX_TOPICS + " topics");
        }
    }
}

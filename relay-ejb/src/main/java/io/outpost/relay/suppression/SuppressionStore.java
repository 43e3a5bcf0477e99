package io.outpost.relay.suppression;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.ListEventsOfTransaction;
import io.outpost.relay.schema.LikePattern;
import io.outpost.relay.schema.UniqueViolation;
import io.outpost.relay.tenant.ConflictException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The suppression lists. Every change is recorded ({@link SuppressionChange}) in the transaction that makes it; a
 * tenant's calls name its scope, and no query reads another tenant's entries. Each public method is one transaction.
 */
@Stateless
public class SuppressionStore {

    /** Most entries one listing returns. */
    public static final int MAX_PAGE = 1_000;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private ListEventsOfTransaction events;

    private final Clock clock = Clock.systemUTC();

    /** An entry as listed, with the place to list on from. */
    public record Listed(long id, SuppressionEntry entry) {}

    /** What {@link #add} did: the entry now on the list, and whether it is new (false: it was there already). */
    public record Added(SuppressionEntry entry, boolean isNew) {}

    /**
     * Puts {@code target} on the scope's list. An entry already there and holding is kept as it is (the first reason
     * and evidence stay: they say why it was suppressed); an expired one is replaced.
     *
     * @throws ConflictException when another request adds the same target at the same moment
     */
    public Added add(
            SuppressionScope scope,
            SuppressionTarget target,
            SuppressionReason reason,
            Evidence evidence,
            Optional<Instant> expiresAt,
            String actor)
            throws ConflictException {
        Instant now = clock.instant();
        Optional<StoredSuppression> existing = stored(scope, target);
        if (existing.isPresent()) {
            SuppressionEntry entry = existing.get().view();
            if (entry.holdsAt(now)) {
                return new Added(entry, false);
            }
            em.remove(existing.get());
            em.flush();
        }
        SuppressionEntry entry = new SuppressionEntry(
                scope, target, reason, evidence.messageId(), evidence.text(), evidence.note(), now, expiresAt);
        try {
            insert(entry, actor);
            em.flush();
            events.record(em, SuppressionEvents.added(entry, actor).stream().toList());
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedIn(e)) {
                throw e;
            }
            // Another request added the same target at the same time; this transaction is rolled back.
            throw new ConflictException(
                    target.isDomain() ? "domain" : "address",
                    target + " was added by another request at the same time");
        }
        return new Added(entry, true);
    }

    /** What {@link #importBatch} did: entries added, and rows whose entry was there already (kept as it was). */
    public record Imported(int added, int existing) {}

    /**
     * Puts a batch of imported rows on their lists, in one transaction, as {@link #add} does each (an entry already
     * there and holding is kept; an expired one is replaced); every entry added is a change recorded with {@code actor}.
     * A batch that meets another request adding one of its targets at the same moment fails whole (a
     * PersistenceException): add its rows one at a time then.
     */
    public Imported importBatch(List<ImportRow> rows, String actor) {
        Instant now = clock.instant();
        int added = 0;
        int existing = 0;
        for (ImportRow row : rows) {
            Optional<StoredSuppression> stored = stored(row.scope(), row.target());
            if (stored.isPresent() && stored.get().view().holdsAt(now)) {
                existing++;
                continue;
            }
            stored.ifPresent(expired -> {
                em.remove(expired);
                em.flush();
            });
            insert(
                    new SuppressionEntry(
                            row.scope(),
                            row.target(),
                            row.reason(),
                            OptionalLong.empty(),
                            Optional.empty(),
                            row.note(),
                            now,
                            row.expiresAt()),
                    actor);
            added++;
        }
        em.flush();
        Optional<TenantId> tenant =
                rows.isEmpty() ? Optional.empty() : rows.get(0).scope().tenant();
        if (added > 0 && tenant.isPresent()) {
            events.record(em, List.of(SuppressionEvents.imported(tenant.get(), added, existing, actor)));
        }
        return new Imported(added, existing);
    }

    /**
     * Takes {@code target} off the scope's list (an undo), recording who and why. Empty if it was not on it.
     */
    public Optional<SuppressionEntry> remove(
            SuppressionScope scope, SuppressionTarget target, String actor, Optional<String> note) {
        Optional<StoredSuppression> existing = stored(scope, target);
        existing.ifPresent(stored -> {
            SuppressionEntry entry = stored.view();
            em.remove(stored);
            em.persist(new StoredSuppressionChange(new SuppressionChange(
                    scope, target, SuppressionChange.Kind.REMOVED, entry.reason(), actor, note, clock.instant())));
            events.record(
                    em, SuppressionEvents.removed(entry, actor, note).stream().toList());
        });
        return existing.map(StoredSuppression::view);
    }

    /**
     * Replaces the tenant's entries for an erased address by entries for its hash ({@link AddressHash}), in the caller's
     * transaction: same list, reason and expiry, without the message, evidence or note that named it; and forgets the
     * address's history, recording instead that its entries were kept as a hash (GDPR Art. 17, with the opt-out still
     * honoured). Returns how many entries were kept.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int keepAsHash(TenantId tenant, SuppressionTarget address, SuppressionTarget hashed, String actor) {
        Instant now = clock.instant();
        List<StoredSuppression> stored = em.createQuery(
                        "SELECT s FROM StoredSuppression s WHERE s.place.target = :target AND s.place.tenantId = :tenant",
                        StoredSuppression.class)
                .setParameter("target", address.value())
                .setParameter("tenant", tenant.value())
                .getResultList();
        for (StoredSuppression entry : stored) {
            SuppressionEntry erased = entry.view();
            em.remove(entry);
            em.flush();
            if (stored(erased.scope(), hashed).isEmpty()) {
                insert(
                        new SuppressionEntry(
                                erased.scope(),
                                hashed,
                                erased.reason(),
                                OptionalLong.empty(),
                                Optional.empty(),
                                Optional.of("an erased address: its opt-out is kept as a hash"),
                                now,
                                erased.expiresAt()),
                        actor);
            }
        }
        em.createQuery(
                        "DELETE FROM StoredSuppressionChange c WHERE c.place.target = :target AND c.place.tenantId = :tenant")
                .setParameter("target", address.value())
                .setParameter("tenant", tenant.value())
                .executeUpdate();
        return stored.size();
    }

    /** The owner's entries for {@code target}, on its lists for all its mail and for each stream, holding or expired. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SuppressionEntry> entries(Optional<TenantId> owner, SuppressionTarget target) {
        return em.createQuery(
                        "SELECT s FROM StoredSuppression s WHERE s.place.target = :target AND s.place.tenantId = :tenant"
                                + " ORDER BY s.place.stream",
                        StoredSuppression.class)
                .setParameter("target", target.value())
                .setParameter("tenant", SuppressionScope.tenantKey(owner))
                .getResultStream()
                .map(StoredSuppression::view)
                .toList();
    }

    /**
     * The tenant's entries (all its streams), newest first, those whose target contains {@code containing} (any case)
     * and of {@code reason} when given, after the entry {@code after} when given; at most {@code limit}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Listed> list(
            Optional<TenantId> tenant,
            Optional<String> containing,
            Optional<SuppressionReason> reason,
            Optional<Long> after,
            int limit) {
        StringBuilder jpql = new StringBuilder("SELECT s FROM StoredSuppression s WHERE s.place.tenantId = :tenant");
        containing.ifPresent(text -> jpql.append(" AND s.place.target LIKE :containing ESCAPE '\\'"));
        reason.ifPresent(r -> jpql.append(" AND s.reason = :reason"));
        after.ifPresent(id -> jpql.append(" AND s.id < :after"));
        TypedQuery<StoredSuppression> query = em.createQuery(
                        jpql.append(" ORDER BY s.id DESC").toString(), StoredSuppression.class)
                .setParameter("tenant", SuppressionScope.tenantKey(tenant))
                .setMaxResults(Math.min(limit, MAX_PAGE));
        containing.ifPresent(text -> query.setParameter("containing", LikePattern.containing(text)));
        reason.ifPresent(r -> query.setParameter("reason", r));
        after.ifPresent(id -> query.setParameter("after", id));
        return query.getResultStream().map(s -> new Listed(s.id(), s.view())).toList();
    }

    /** Every change to the tenant's lists (all its streams) about {@code target}, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SuppressionChange> history(Optional<TenantId> tenant, SuppressionTarget target) {
        return em.createQuery(
                        "SELECT c FROM StoredSuppressionChange c WHERE c.place.tenantId = :tenant AND c.place.target = :target"
                                + " ORDER BY c.occurredAt, c.id",
                        StoredSuppressionChange.class)
                .setParameter("tenant", SuppressionScope.tenantKey(tenant))
                .setParameter("target", target.value())
                .getResultStream()
                .map(StoredSuppressionChange::view)
                .toList();
    }

    // The entry and the change that records it, in the caller's transaction.
    private void insert(SuppressionEntry entry, String actor) {
        em.persist(new StoredSuppression(entry));
        em.persist(new StoredSuppressionChange(new SuppressionChange(
                entry.scope(),
                entry.target(),
                SuppressionChange.Kind.ADDED,
                entry.reason(),
                actor,
                entry.note(),
                entry.createdAt())));
    }

    private Optional<StoredSuppression> stored(SuppressionScope scope, SuppressionTarget target) {
        return em.createQuery(
                        "SELECT s FROM StoredSuppression s WHERE s.place.target = :target AND s.place.tenantId = :tenant AND"
                                + " s.place.stream = :stream",
                        StoredSuppression.class)
                .setParameter("target", target.value())
                .setParameter("tenant", scope.tenantKey())
                .setParameter("stream", scope.streamKey())
                .getResultStream()
                .findFirst();
    }
}

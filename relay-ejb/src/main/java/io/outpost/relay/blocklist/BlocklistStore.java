package io.outpost.relay.blocklist;

import io.outpost.api.plugin.BlocklistStatus;
import io.outpost.api.plugin.BlocklistStatus.State;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The blocklist statuses and events ({@code V11__blocklists.sql}). Each check's result is recorded in a transaction of
 * its own, under the lock of its status row, so when several nodes check the same target only one of them records a
 * change as an event.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BlocklistStore {

    /** The most a failure's text keeps: the column's width. */
    private static final int MAX_FAILURE = 500;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    /**
     * Records what {@code monitor} found: a CLEAN or LISTED status replaces the last known one, and a change (listed,
     * listed on other lists, delisted) is an event; an UNKNOWN one is noted as a failure and changes nothing else.
     *
     * @return the event recorded, if the status changed
     */
    public Optional<BlocklistEvent.Kind> record(String monitor, BlocklistStatus status, String failure) {
        String target = status.target().toString();
        Timestamp at = Timestamp.from(status.checkedAt());
        List<?> rows = em.createNativeQuery("SELECT state, listings FROM outpost_blocklist_status WHERE target = ?1"
                        + " AND monitor = ?2 FOR UPDATE")
                .setParameter(1, target)
                .setParameter(2, monitor)
                .getResultList();
        if (status.state() == State.UNKNOWN) {
            if (rows.isEmpty()) {
                em.createNativeQuery("INSERT INTO outpost_blocklist_status (target, monitor, state, listings,"
                                + " changed_at, failed_at, failure) VALUES (?1, ?2, 'UNKNOWN', '', ?3, ?3, ?4)")
                        .setParameter(1, target)
                        .setParameter(2, monitor)
                        .setParameter(3, at)
                        .setParameter(4, cut(failure))
                        .executeUpdate();
            } else {
                em.createNativeQuery(
                                "UPDATE outpost_blocklist_status SET failed_at = ?1, failure = ?2 WHERE target = ?3"
                                        + " AND monitor = ?4")
                        .setParameter(1, at)
                        .setParameter(2, cut(failure))
                        .setParameter(3, target)
                        .setParameter(4, monitor)
                        .executeUpdate();
            }
            return Optional.empty();
        }
        String listings = BlocklistListings.encode(status.listings());
        Optional<BlocklistEvent.Kind> change;
        if (rows.isEmpty()) {
            change = status.state() == State.LISTED ? Optional.of(BlocklistEvent.Kind.LISTED) : Optional.empty();
            em.createNativeQuery("INSERT INTO outpost_blocklist_status (target, monitor, state, listings, checked_at,"
                            + " changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
                    .setParameter(1, target)
                    .setParameter(2, monitor)
                    .setParameter(3, status.state().name())
                    .setParameter(4, listings)
                    .setParameter(5, at)
                    .executeUpdate();
        } else {
            Object[] row = (Object[]) rows.get(0);
            State before = State.valueOf((String) row[0]);
            change = change(before, BlocklistListings.decode((String) row[1]), status);
            boolean stateChanged = before != status.state();
            em.createNativeQuery("UPDATE outpost_blocklist_status SET state = ?1, listings = ?2, checked_at = ?3"
                            + (stateChanged ? ", changed_at = ?3" : "") + " WHERE target = ?4 AND monitor = ?5")
                    .setParameter(1, status.state().name())
                    .setParameter(2, listings)
                    .setParameter(3, at)
                    .setParameter(4, target)
                    .setParameter(5, monitor)
                    .executeUpdate();
        }
        change.ifPresent(kind -> em.createNativeQuery("INSERT INTO outpost_blocklist_event (target, monitor, kind,"
                        + " listings, occurred_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, target)
                .setParameter(2, monitor)
                .setParameter(3, kind.name())
                .setParameter(4, listings)
                .setParameter(5, at)
                .executeUpdate());
        return change;
    }

    // A first CLEAN after UNKNOWN is no news; LISTED is news when the set of lists differs from before.
    private static Optional<BlocklistEvent.Kind> change(
            State before, List<BlocklistStatus.Listing> listedBefore, BlocklistStatus now) {
        if (now.state() == State.LISTED) {
            boolean sameLists = before == State.LISTED
                    && BlocklistListings.lists(listedBefore).equals(BlocklistListings.lists(now.listings()));
            return sameLists ? Optional.empty() : Optional.of(BlocklistEvent.Kind.LISTED);
        }
        return before == State.LISTED ? Optional.of(BlocklistEvent.Kind.DELISTED) : Optional.empty();
    }

    /** Every target's status by each monitor, by target. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<BlocklistEntry> entries() {
        List<?> rows = em.createNativeQuery("SELECT target, monitor, state, listings, checked_at, changed_at,"
                        + " failed_at, failure FROM outpost_blocklist_status ORDER BY target, monitor")
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new BlocklistEntry(
                        (String) row[0],
                        (String) row[1],
                        State.valueOf((String) row[2]),
                        BlocklistListings.decode((String) row[3]),
                        instant(row[4]),
                        instant(row[5]).orElseThrow(),
                        instant(row[6]),
                        Optional.ofNullable((String) row[7])))
                .toList();
    }

    /** The newest {@code limit} listings and delistings, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<BlocklistEvent> events(int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, target, monitor, kind, listings, occurred_at FROM"
                        + " outpost_blocklist_event ORDER BY id DESC")
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new BlocklistEvent(
                        ((Number) row[0]).longValue(),
                        (String) row[1],
                        (String) row[2],
                        BlocklistEvent.Kind.valueOf((String) row[3]),
                        BlocklistListings.decode((String) row[4]),
                        instant(row[5]).orElseThrow()))
                .toList();
    }

    private static Optional<Instant> instant(Object value) {
        return Optional.ofNullable((Timestamp) value).map(Timestamp::toInstant);
    }

    private static String cut(String text) {
        return text.length() <= MAX_FAILURE ? text : text.substring(0, MAX_FAILURE);
    }
}

package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.Spool;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue's transactions but the two every message costs (those are {@link QueueCommits}): claims, leases, reading a
 * message back, counts and retention. Each public method is one transaction, committed before it returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class QueueStore {

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private RelayConfiguration config;

    @Inject
    private Spool spool;

    private final Clock clock = Clock.systemUTC();

    /** For the container, which injects the entity manager and the settings. */
    public QueueStore() {}

    /** Outside the container, for tests: every call must run inside a transaction of {@code em}. */
    QueueStore(EntityManager em, RelayConfiguration config, Spool spool) {
        this.em = em;
        this.config = config;
        this.spool = spool;
    }

    /** Leases up to {@code limit} due recipients to this node, oldest due first. */
    public List<Claim> claimDue(int limit) {
        Instant now = clock.instant();
        return DueClaimer.forDatabase(config.databaseKind())
                .claim(em, now, now.plus(config.deliveryLease()), config.nodeId(), limit);
    }

    /**
     * Makes every recipient this node had leased due now. Called at start-up: whatever this node held before it stopped
     * (or crashed) is no longer being worked on.
     */
    public int releaseClaimsOfThisNode() {
        // A range on next_attempt_at, not IS NOT NULL, so both databases read only the pending recipients through its
        // index (outpost_recipient_due): there is no index on claimed_by to keep the commits of new mail cheap (V8).
        return em.createQuery("UPDATE QueuedRecipient r SET r.nextAttemptAt = :now, r.claimedBy = NULL,"
                        + " r.claimToken = NULL WHERE r.nextAttemptAt >= :epoch AND r.claimedBy = :node")
                .setParameter("epoch", Instant.EPOCH)
                .setParameter("now", clock.instant())
                .setParameter("node", config.nodeId())
                .executeUpdate();
    }

    /** Extends the leases these claims still hold by one lease from now; returns how many recipients it extended. */
    public int renew(List<Claim> claims) {
        return ClaimFence.renew(em, claims, clock.instant().plus(config.deliveryLease()));
    }

    /**
     * Gives up these claims without an attempt (the workers had no room, or are stopping): the recipients are due at
     * once, for the next claim.
     */
    public int release(List<Claim> claims) {
        return ClaimFence.release(em, claims, clock.instant());
    }

    /**
     * The envelope, arrival time and bytes of a message, for a delivery attempt; the bytes in memory when small, in a
     * spool file when large. The caller closes it.
     */
    public MessageForDelivery load(long messageId) {
        // The envelope only: the bytes are streamed below, never loaded through the entity.
        List<Object[]> rows = em.createQuery(
                        "SELECT m.sender, m.returnPathDomain, m.receivedAt, m.sizeOctets, m.tenantId, m.stream,"
                                + " m.sendAt, m.topic FROM QueuedMessage m WHERE m.id = :id",
                        Object[].class)
                .setParameter("id", messageId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no queued message " + messageId);
        }
        Object[] row = rows.get(0);
        ContentSink sink = spool.outgoing();
        try {
            contentColumn().read(em.unwrap(Connection.class), messageId, (Long) row[3], sink);
            return new MessageForDelivery(
                    messageId,
                    (ReversePath) row[0],
                    Optional.ofNullable((Domain) row[1]),
                    (Instant) row[2],
                    Optional.ofNullable((String) row[4]).map(TenantId::of),
                    sink.finish(),
                    Optional.ofNullable((MessageStream) row[5]).orElse(MessageStream.TRANSACTIONAL),
                    Optional.ofNullable((Instant) row[6]),
                    Optional.ofNullable((String) row[7]).map(Topic::new));
        } catch (SQLException | IOException e) {
            sink.close();
            throw new PersistenceException("content of message " + messageId + " not read", e);
        } catch (RuntimeException | Error e) {
            // Whatever failed, the worker's copy of the message must not stay on disk.
            sink.close();
            throw e;
        }
    }

    /**
     * The bytes of a message exactly as they were (or, captured by the sandbox, would have been) sent, with every field
     * Outpost added, if it exists in {@code scope} and still holds them: the retention purges content first, and a
     * refused message never had any. In a transaction: the JDBC connection that streams the bytes is the transaction's.
     */
    public Optional<byte[]> content(long messageId, Optional<TenantId> scope) {
        var query = em.createNativeQuery("SELECT size_octets FROM outpost_message WHERE id = ?1"
                        + " AND content_purged_at IS NULL" + (scope.isPresent() ? " AND tenant_id = ?2" : ""))
                .setParameter(1, messageId);
        scope.ifPresent(tenant -> query.setParameter(2, tenant.value()));
        List<?> rows = query.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long size = ((Number) rows.get(0)).longValue();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        try {
            contentColumn().read(em.unwrap(Connection.class), messageId, size, out);
        } catch (SQLException | IOException e) {
            throw new PersistenceException("content of message " + messageId + " not read", e);
        }
        return out.size() == 0 ? Optional.empty() : Optional.of(out.toByteArray());
    }

    private ContentColumn contentColumn() {
        return ContentColumn.forDatabase(config.databaseKind());
    }

    /**
     * Counts recipients by state for the status API: all that are still to be delivered, and those that became final in
     * the last hour ({@link QueueCounts}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<RecipientState, Long> countByState() {
        return QueueCounts.count(em, clock.instant());
    }

    /** The waiting recipients by where they stand, and the {@code top} destinations with the most of them. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public QueueOverview overview(int top) {
        return WaitingQueue.overview(em, clock.instant(), top);
    }

    /** The waiting recipients at {@code destination}, oldest first, at most {@code limit}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<WaitingRecipient> waitingAt(Domain destination, int limit) {
        return WaitingQueue.at(em, destination, clock.instant(), limit);
    }

    /**
     * One message's envelope, recipients and story, if it is (still) in the queue and, when {@code scope} is given,
     * that tenant's. Three reads without a shared snapshot: an outcome recorded between them can show in the
     * recipients before the events, for a moment.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<MessageStory> story(long messageId, Optional<TenantId> scope) {
        return MessageStories.find(em, messageId, scope);
    }

    /**
     * The tenant's statistics from {@code from} to {@code until} (UTC days, both included), by day and {@code by}, from
     * the counters kept as events are published (never a scan of the events); days with nothing are left out.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StatsRow> stats(TenantId tenant, LocalDate from, LocalDate until, StatsDimension by) {
        return statsRows(tenant, from, until, by, Optional.empty());
    }

    /** As {@link #stats}, of one tag or one domain only: what a campaign's page asks every few seconds. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StatsRow> statsOf(TenantId tenant, LocalDate from, LocalDate until, StatsDimension by, String value) {
        return statsRows(tenant, from, until, by, Optional.of(value));
    }

    private List<StatsRow> statsRows(
            TenantId tenant, LocalDate from, LocalDate until, StatsDimension by, Optional<String> value) {
        var query = em.createNativeQuery("SELECT stat_day, dimension_value, sent, delivered, deferred, bounced,"
                        + " opened_human, opened_machine, clicked_human, clicked_machine, bounced_hard, complained,"
                        + " unsubscribed FROM outpost_stats WHERE tenant_id = ?1 AND dimension = ?2 AND stat_day >= ?3"
                        + " AND stat_day <= ?4" + (value.isPresent() ? " AND dimension_value = ?5" : "")
                        + " ORDER BY stat_day, dimension_value")
                .setParameter(1, tenant.value())
                .setParameter(2, by.stored())
                .setParameter(3, Date.valueOf(from))
                .setParameter(4, Date.valueOf(until));
        value.ifPresent(one -> query.setParameter(5, one));
        List<?> rows = query.getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new StatsRow(
                        row[0] instanceof LocalDate day ? day : ((Date) row[0]).toLocalDate(),
                        (String) row[1],
                        ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(),
                        ((Number) row[4]).longValue(),
                        ((Number) row[5]).longValue(),
                        ((Number) row[6]).longValue(),
                        ((Number) row[7]).longValue(),
                        ((Number) row[8]).longValue(),
                        ((Number) row[9]).longValue(),
                        ((Number) row[10]).longValue(),
                        ((Number) row[11]).longValue(),
                        ((Number) row[12]).longValue()))
                .toList();
    }

    /** One page of the messages {@code query} asks for, newest first (see {@link MessageQuery}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MessagePage list(MessageQuery query) {
        return MessageStories.list(em, query);
    }

    /** Up to {@code limit} events of {@code tenant}'s stream published after position {@code after} (see {@link EventFeed}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public EventPage events(TenantId tenant, long after, int limit) {
        return EventFeed.read(em, tenant, after, limit);
    }

    /** Empties the content of one batch of messages done for longer than {@code retention} keeps it; how many. */
    public int purgeContent(QueueRetention retention) {
        return retention.purgeContent(em, clock.instant());
    }

    /** Deletes one batch of messages, with their recipients, whose content was purged long enough ago; how many. */
    public int deleteRecords(QueueRetention retention) {
        return retention.deleteRecords(em, clock.instant());
    }

    /** Deletes one batch of list events that no message caused, kept as long as a message's story; how many. */
    public int deleteListEvents(QueueRetention retention) {
        return retention.deleteListEvents(em, clock.instant());
    }

    /** Forgets the soft-bounce counts ({@code outpost_soft_bounce}) whose last bounce was before {@code before}. */
    public int forgetSoftBouncesBefore(Instant before) {
        return em.createNativeQuery("DELETE FROM outpost_soft_bounce WHERE last_at < ?1")
                .setParameter(1, Timestamp.from(before))
                .executeUpdate();
    }

    /** Claims the tenant's idempotency key for a request, or says what holds it ({@link IdempotentAnswer#claim}). */
    public IdempotentAnswer.Claim claimIdempotencyKey(IdempotencyKey key) {
        return IdempotentAnswer.claim(em, key, 0, clock.instant());
    }

    /** Claims the tenant's idempotency key for a batch of {@code recipients} ({@link IdempotentAnswer#claim}). */
    public IdempotentAnswer.Claim claimBatchKey(IdempotencyKey key, int recipients) {
        return IdempotentAnswer.claim(em, key, recipients, clock.instant());
    }

    /** Keeps a batch's answer with its key: a retry gets it again ({@link IdempotentAnswer#keepBatchAnswer}). */
    public void keepBatchAnswer(IdempotencyKey key, String answer) {
        IdempotentAnswer.keepBatchAnswer(em, key, answer);
    }

    /** Marks a running batch's claim as alive ({@link IdempotentAnswer#renew}). */
    public void renewIdempotencyClaim(IdempotencyKey key) {
        IdempotentAnswer.renew(em, key, clock.instant());
    }

    /** Lets go of a claim whose request created nothing ({@link IdempotentAnswer#release}). */
    public void releaseIdempotencyKey(IdempotencyKey key) {
        IdempotentAnswer.release(em, key);
    }

    /** Forgets idempotency keys older than {@code window}, about {@code limit} of them; how many went. */
    public int forgetIdempotencyKeys(Duration window, int limit) {
        return IdempotentAnswer.forget(em, clock.instant().minus(window), limit);
    }
}

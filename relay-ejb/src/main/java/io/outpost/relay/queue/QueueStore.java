package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.Spool;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The queue's transactions: each public method is one transaction, committed before it returns. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class QueueStore {

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private RelayConfiguration config;

    @Inject
    private Spool spool;

    // The persistence unit's own data source (persistence.xml), for the sync that needs no transaction.
    @Resource(lookup = "jdbc/outpost")
    private DataSource dataSource;

    private final Clock clock = Clock.systemUTC();

    /** For the container, which injects the entity manager and the settings. */
    public QueueStore() {}

    /** Outside the container, for tests: every call must run inside a transaction of {@code em}. */
    QueueStore(EntityManager em, RelayConfiguration config, Spool spool) {
        this.em = em;
        this.config = config;
        this.spool = spool;
    }

    /**
     * Commits a batch of new messages with all their recipients in one transaction (group commit). The recipients are
     * leased to this node so the caller can attempt them at once; if this node dies first, the lease runs out and
     * another claim picks them up.
     */
    public List<StoredMessage> store(List<NewMessage> batch) {
        Instant now = clock.instant();
        Instant lease = now.plus(config.deliveryLease());
        long token = Claim.newToken();
        List<QueuedMessage> messages = new ArrayList<>(batch.size());
        List<List<QueuedRecipient>> recipients = new ArrayList<>(batch.size());
        for (NewMessage incoming : batch) {
            QueuedMessage message = new QueuedMessage(
                    incoming.sender(),
                    now,
                    incoming.clientAddress(),
                    incoming.smtpUtf8(),
                    incoming.content().size(),
                    incoming.returnPath(),
                    incoming.authentication());
            em.persist(message);
            List<QueuedRecipient> rows = new ArrayList<>(incoming.recipients().size());
            for (EmailAddress address : incoming.recipients()) {
                QueuedRecipient row = new QueuedRecipient(message, address, lease, config.nodeId(), token, now);
                em.persist(row);
                rows.add(row);
            }
            messages.add(message);
            recipients.add(rows);
        }
        em.flush();
        try {
            contentColumn()
                    .write(
                            em.unwrap(Connection.class),
                            messages.stream().map(QueuedMessage::id).toList(),
                            batch.stream().map(NewMessage::content).toList());
        } catch (SQLException | IOException e) {
            throw new PersistenceException("message content not stored", e);
        }
        List<StoredMessage> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < messages.size(); i++) {
            QueuedMessage message = messages.get(i);
            MessageContent content = batch.get(i).content();
            long messageId = message.id();
            stored.add(new StoredMessage(
                    messageId,
                    content.spooled() ? Optional.empty() : Optional.of(forDelivery(message, content)),
                    recipients.get(i).stream()
                            .map(r -> new Claim(r.id(), messageId, r.address(), 0, token))
                            .toList()));
        }
        return stored;
    }

    /**
     * Makes every transaction committed so far durable: called by the group committers after each batch, before any
     * caller hears that its item is stored ({@link CommitSync}). Outside any transaction: it only syncs.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void syncToDisk() {
        try {
            CommitSync.afterCommit(dataSource, config.databaseKind());
        } catch (SQLException e) {
            throw new PersistenceException("committed transactions not synced to disk", e);
        }
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
        return em.createQuery("UPDATE QueuedRecipient r SET r.nextAttemptAt = :now, r.claimedBy = NULL,"
                        + " r.claimToken = NULL WHERE r.claimedBy = :node AND r.nextAttemptAt IS NOT NULL")
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
                        "SELECT m.sender, m.returnPathDomain, m.receivedAt, m.sizeOctets FROM QueuedMessage m"
                                + " WHERE m.id = :id",
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
                    sink.finish());
        } catch (SQLException | IOException e) {
            sink.close();
            throw new PersistenceException("content of message " + messageId + " not read", e);
        } catch (RuntimeException | Error e) {
            // Whatever failed, the worker's copy of the message must not stay on disk.
            sink.close();
            throw e;
        }
    }

    private ContentColumn contentColumn() {
        return ContentColumn.forDatabase(config.databaseKind());
    }

    private static MessageForDelivery forDelivery(QueuedMessage message, MessageContent content) {
        return new MessageForDelivery(
                message.id(), message.sender(), message.returnPathDomain(), message.receivedAt(), content);
    }

    /**
     * Records the outcomes of delivery attempts and queues the notifications (DSNs) they caused, all in one
     * transaction, so a DSN exists exactly when its bounce is recorded. An outcome counts only while its attempt's
     * claim still holds the recipient ({@link ClaimFence}); an attempt with any outcome dropped queues no DSN, as the
     * attempt that holds the recipient now reports on it. Returns, for each attempt, the DSN it queued, if any.
     */
    public List<List<StoredMessage>> record(List<AttemptRecord> attempts) {
        Set<Long> applied = ClaimFence.record(
                em, attempts.stream().flatMap(a -> a.updates().stream()).toList(), clock.instant());
        List<NewMessage> notifications = new ArrayList<>();
        List<Boolean> notifies = new ArrayList<>(attempts.size());
        for (AttemptRecord attempt : attempts) {
            boolean notify = attempt.notification().isPresent()
                    && attempt.updates().stream().allMatch(u -> applied.contains(u.recipientId()));
            attempt.notification().filter(n -> notify).ifPresent(notifications::add);
            notifies.add(notify);
        }
        // store() keeps the order of the notifications it was given: hand each attempt back its own.
        Iterator<StoredMessage> stored = notifications.isEmpty()
                ? Collections.emptyIterator()
                : store(notifications).iterator();
        return notifies.stream()
                .map(notify -> notify ? List.of(stored.next()) : List.<StoredMessage>of())
                .toList();
    }

    /**
     * Counts recipients by state for the status API: all that are still to be delivered, and those that became final in
     * the last hour ({@link QueueCounts}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<RecipientState, Long> countByState() {
        return QueueCounts.count(em, clock.instant());
    }

    /** Empties the content of one batch of messages done for longer than {@code retention} keeps it; how many. */
    public int purgeContent(QueueRetention retention) {
        return retention.purgeContent(em, clock.instant());
    }

    /** Deletes one batch of messages, with their recipients, whose content was purged long enough ago; how many. */
    public int deleteRecords(QueueRetention retention) {
        return retention.deleteRecords(em, clock.instant());
    }
}

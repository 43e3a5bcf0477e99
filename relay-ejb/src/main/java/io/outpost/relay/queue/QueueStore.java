package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.config.RelayConfiguration;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The queue's transactions: each public method is one transaction, committed before it returns. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class QueueStore {

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private RelayConfiguration config;

    private final Clock clock = Clock.systemUTC();

    /**
     * Commits a batch of new messages with all their recipients in one transaction (group commit). The recipients are
     * leased to this node so the caller can attempt them at once; if this node dies first, the lease runs out and
     * another claim picks them up.
     */
    public List<StoredMessage> store(List<NewMessage> batch) {
        Instant now = clock.instant();
        Instant lease = now.plus(config.deliveryLease());
        List<QueuedMessage> messages = new ArrayList<>(batch.size());
        List<List<QueuedRecipient>> recipients = new ArrayList<>(batch.size());
        for (NewMessage incoming : batch) {
            QueuedMessage message = new QueuedMessage(
                    incoming.sender(),
                    now,
                    incoming.clientAddress(),
                    incoming.smtpUtf8(),
                    incoming.content(),
                    incoming.returnPath(),
                    incoming.authentication());
            em.persist(message);
            List<QueuedRecipient> rows = new ArrayList<>(incoming.recipients().size());
            for (EmailAddress address : incoming.recipients()) {
                QueuedRecipient row = new QueuedRecipient(message, address, lease, config.nodeId(), now);
                em.persist(row);
                rows.add(row);
            }
            messages.add(message);
            recipients.add(rows);
        }
        em.flush();
        List<StoredMessage> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < messages.size(); i++) {
            QueuedMessage message = messages.get(i);
            long messageId = message.id();
            stored.add(new StoredMessage(
                    forDelivery(message),
                    recipients.get(i).stream()
                            .map(r -> new Claim(r.id(), messageId, r.address(), 0))
                            .toList()));
        }
        return stored;
    }

    /**
     * Makes every transaction committed so far durable: called by the group committers after each batch, before any
     * caller hears that its item is stored ({@link CommitSync}).
     */
    public void syncToDisk() {
        CommitSync.afterCommit(em, config.databaseKind());
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
        return em.createQuery("UPDATE QueuedRecipient r SET r.nextAttemptAt = :now, r.claimedBy = NULL"
                        + " WHERE r.claimedBy = :node AND r.nextAttemptAt IS NOT NULL")
                .setParameter("now", clock.instant())
                .setParameter("node", config.nodeId())
                .executeUpdate();
    }

    /** The envelope, arrival time and bytes of a message, for a delivery attempt. */
    public MessageForDelivery load(long messageId) {
        QueuedMessage message = em.find(QueuedMessage.class, messageId);
        if (message == null) {
            throw new IllegalStateException("no queued message " + messageId);
        }
        return forDelivery(message);
    }

    private static MessageForDelivery forDelivery(QueuedMessage message) {
        return new MessageForDelivery(
                message.id(), message.sender(), message.returnPathDomain(), message.receivedAt(), message.content());
    }

    /**
     * Records the outcomes of delivery attempts and queues the notifications (DSNs) they caused, all in one
     * transaction, so a DSN exists exactly when its bounce is recorded.
     */
    public List<StoredMessage> record(List<RecipientUpdate> updates, List<NewMessage> notifications) {
        Instant now = clock.instant();
        if (!updates.isEmpty()) {
            Map<Long, QueuedRecipient> rows = em
                    .createQuery("SELECT r FROM QueuedRecipient r WHERE r.id IN :ids", QueuedRecipient.class)
                    .setParameter(
                            "ids",
                            updates.stream().map(RecipientUpdate::recipientId).toList())
                    .getResultList()
                    .stream()
                    .collect(Collectors.toMap(QueuedRecipient::id, Function.identity()));
            for (RecipientUpdate update : updates) {
                QueuedRecipient row = rows.get(update.recipientId());
                if (row == null) {
                    continue;
                }
                if (update.state() == RecipientState.DEFERRED) {
                    row.defer(update.reply(), update.nextAttempt().orElseThrow(), now);
                } else {
                    row.finish(update.state(), update.reply(), now);
                }
            }
        }
        return notifications.isEmpty() ? List.of() : store(notifications);
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

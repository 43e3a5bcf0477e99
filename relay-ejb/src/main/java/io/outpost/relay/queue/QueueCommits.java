package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.EventPublisher.Committed;
import io.outpost.relay.suppression.SoftBounceRule;
import io.outpost.relay.suppression.SoftBounces;
import io.outpost.relay.suppression.SuppressionEvents;
import io.outpost.relay.suppression.SuppressionReason;
import io.outpost.relay.suppression.SuppressionRows;
import io.outpost.relay.suppression.SuppressionScope;
import io.outpost.relay.suppression.SuppressionTarget;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The two writes every message costs, made by the group committers in plain JDBC: new messages with their recipients
 * (intake) and the outcomes of delivery attempts. Each call is one local transaction on a connection of its own,
 * committed before it returns; {@link #syncToDisk()} then makes it durable.
 *
 * <p>Why not JPA here: these run once or twice per message, and profiles showed the EJB call, the JTA transaction and
 * EclipseLink's unit of work costing more CPU than the database's own work (docs/performance.md, "The commit path in
 * plain JDBC"). The rows written are the entities {@link QueuedMessage} and {@link QueuedRecipient} map, with the same
 * conversions, and ids come from the same sequences in the same blocks EclipseLink takes ({@code INCREMENT BY 500}: a
 * value {@code v} hands out {@code v-499..v}), so JPA inserts elsewhere (tests, tools) never collide with these.
 */
public final class QueueCommits {

    /** The allocation size of {@code outpost_message_seq} and {@code outpost_recipient_seq} (V1__baseline). */
    static final int ID_BLOCK = 500;

    private static final String INSERT_MESSAGE = "INSERT INTO outpost_message (id, envelope_sender, received_at,"
            + " client_address, size_octets, smtp_utf8, return_path_domain, authentication, tenant_id, header_message_id,"
            + " submitted_by, tls, content, labels, stream, send_at, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)";
    private static final String INSERT_RECIPIENT = "INSERT INTO outpost_recipient (id, message_id, address, state,"
            + " attempts, next_attempt_at, claimed_by, claim_token, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)";

    // Copied from the message rows just committed, so the look-up rows say exactly what the messages do.
    private static final String INDEX_SELECT = "INSERT INTO outpost_message_lookup (message_id, tenant_id, received_at,"
            + " header_message_id) SELECT m.id, m.tenant_id, m.received_at, m.header_message_id FROM outpost_message m"
            + " WHERE NOT EXISTS (SELECT 1 FROM outpost_message_lookup l WHERE l.message_id = m.id) AND ";

    // A message's QUEUED event, for the event stream: the message row tells its story the rest (MessageStories).
    private static final String INSERT_QUEUED_EVENT = "INSERT INTO outpost_event (id, message_id, recipient_id,"
            + " occurred_at, kind, detail, tenant_id) SELECT ?, m.id, NULL, m.received_at, 'QUEUED', 'from <'"
            + " || m.envelope_sender || '>, ' || CAST(m.size_octets AS VARCHAR(20)) || ' octets', m.tenant_id FROM"
            + " outpost_message m WHERE m.id = ? AND NOT EXISTS (SELECT 1 FROM outpost_message_lookup l WHERE"
            + " l.message_id = m.id)";

    // An event's place in the stream; never moved once placed.
    private static final String PLACE_EVENT =
            "UPDATE outpost_event SET feed_position = ? WHERE id = ? AND feed_position IS NULL";

    /** Items published per transaction when the start publishes what a crash left. */
    static final int REPAIR_BATCH = 1_000;

    /** How far below the newest event id the start looks for events a crash left out of the stream: 100 id blocks. */
    static final long UNPUBLISHED_EVENT_WINDOW = 100L * ID_BLOCK;

    /** How long an outcome's commit waits for another committer's sync before it runs its own. */
    static final Duration OUTCOME_SYNC_PATIENCE = Duration.ofMillis(20);

    private static final ReversePathConverter SENDERS = new ReversePathConverter();

    private final DataSource dataSource;
    private final String databaseKind;
    private final SuppressionRows suppressionRows;
    private final String nodeId;
    private final Duration lease;
    private final Clock clock;
    private final Optional<DiskSync> diskSync;
    private final IdBlocks messageIds;
    private final IdBlocks recipientIds;
    private final IdBlocks eventIds;
    private volatile EventPublisher publisher;
    private volatile SoftBounces softBounces;

    public QueueCommits(DataSource dataSource, String databaseKind, String nodeId, Duration lease, Clock clock) {
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
        this.nodeId = nodeId;
        this.lease = lease;
        this.clock = clock;
        // PostgreSQL's commit has synced its WAL already: nothing to wait for.
        this.diskSync = CommitSync.needed(databaseKind)
                ? Optional.of(new DiskSync(() -> CommitSync.afterCommit(dataSource)))
                : Optional.empty();
        this.messageIds = new IdBlocks(databaseKind, "outpost_message_seq");
        this.suppressionRows = new SuppressionRows(databaseKind);
        this.recipientIds = new IdBlocks(databaseKind, "outpost_recipient_seq");
        this.eventIds = new IdBlocks(databaseKind, "outpost_event_seq");
    }

    /**
     * Commits a batch of new messages with all their recipients in one transaction (group commit). The recipients are
     * leased to this node so the caller can attempt them at once; if this node dies first, the lease runs out and
     * another claim picks them up.
     */
    public List<StoredMessage> store(List<NewMessage> batch) {
        List<Committed> refusals = new ArrayList<>();
        List<StoredMessage> stored = inTransaction(connection -> {
            refusals.clear();
            return store(connection, batch, refusals);
        });
        // A recipient refused at RCPT was refused before its message was queued: its event comes first.
        List<Committed> committed = new ArrayList<>(refusals);
        stored.forEach(message -> committed.add(Committed.message(message.messageId())));
        publishSoon(committed);
        return stored;
    }

    /**
     * Records a message a policy refused, without content: its row, its recipients as REFUSED (final, never claimed),
     * its REFUSED event and its listing row, in one transaction of its own. Nothing waits on its durability: a refusal
     * lost in a crash loses only its record, never a message. Returns the id its tenant finds it by.
     */
    public long storeRefused(RefusedMessage refused) {
        List<Long> written = new ArrayList<>();
        long messageId = inTransaction(connection -> {
            written.clear();
            Timestamp at = Timestamp.from(clock.instant());
            long id = messageIds.next(connection);
            try (PreparedStatement message = connection.prepareStatement(INSERT_MESSAGE);
                    PreparedStatement recipients = connection.prepareStatement(INSERT_RECIPIENT);
                    PreparedStatement lastReply = connection.prepareStatement(
                            "UPDATE outpost_recipient SET last_reply = ? WHERE message_id = ?")) {
                message.setLong(1, id);
                message.setString(2, SENDERS.convertToDatabaseColumn(refused.sender()));
                message.setTimestamp(3, at);
                message.setString(4, refused.clientAddress());
                message.setLong(5, refused.sizeOctets());
                message.setBoolean(6, false);
                message.setString(7, null);
                message.setString(8, "not signed: refused before queueing");
                message.setString(9, refused.tenant().value());
                message.setString(10, refused.headerMessageId().orElse(null));
                message.setString(
                        11, refused.submittedBy().map(QueueCommits::cut).orElse(null));
                message.setString(12, refused.tls().map(QueueCommits::cut).orElse(null));
                message.setBytes(13, new byte[0]);
                message.setString(14, null);
                message.setString(15, null);
                message.setNull(16, Types.TIMESTAMP);
                message.setString(17, null);
                message.executeUpdate();
                for (EmailAddress address : refused.recipients()) {
                    // Final, never due, never claimed: no attempt time, no claim.
                    recipients.setLong(1, recipientIds.next(connection));
                    recipients.setLong(2, id);
                    recipients.setString(3, address.toString());
                    recipients.setString(4, RecipientState.REFUSED.name());
                    recipients.setNull(5, Types.TIMESTAMP);
                    recipients.setNull(6, Types.VARCHAR);
                    recipients.setNull(7, Types.BIGINT);
                    recipients.setTimestamp(8, at);
                    recipients.addBatch();
                }
                recipients.executeBatch();
                lastReply.setString(1, cut(refused.reply().toString(), 1000));
                lastReply.setLong(2, id);
                lastReply.executeUpdate();
            }
            try (EventWriter events = new EventWriter(connection, eventIds, at)) {
                for (String earlier : refused.recipientRefusals()) {
                    events.message(id, Optional.of(refused.tenant()), EventKind.REFUSED, earlier);
                }
                events.message(id, Optional.of(refused.tenant()), EventKind.REFUSED, refused.detail());
                events.send();
                written.addAll(events.written());
            }
            index(connection, List.of(id));
            return id;
        });
        publishSoon(written.stream().map(Committed::event).toList());
        return messageId;
    }

    /**
     * Records an open or click of a message ({@link Engagement#record}) in one transaction of its own, its event
     * published after the commit. False when the message is no longer in the queue.
     */
    public boolean recordEngagement(long messageId, EventKind kind, Function<Engagement.Facts, String> detail) {
        List<Long> written = new ArrayList<>();
        boolean recorded = inTransaction(connection -> {
            written.clear();
            Instant now = clock.instant();
            try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
                boolean found = Engagement.record(connection, story, messageId, kind, now, detail);
                story.send();
                written.addAll(story.written());
                return found;
            }
        });
        publishSoon(written.stream().map(Committed::event).toList());
        return recorded;
    }

    /** What mail that came back to a return path does to its recipient's address besides its event. */
    public enum ReturnedConsequence {
        /** Nothing: the bounce says nothing of the address. */
        NONE,
        /** One more soft bounce counted ({@link SoftBounces}). */
        SOFT_BOUNCE,
        /** On its tenant's list for every stream, reason hard bounce. */
        HARD_BOUNCE,
        /** On its tenant's list for every stream, reason complaint. */
        COMPLAINT
    }

    /**
     * Records what mail that came back to a recipient's return path says: {@code kind} as its event and its {@code
     * consequence}, in one transaction; a second report of the same kind about the same recipient records nothing
     * more. False when the recipient's row is gone (or is not of that message).
     *
     * @param evidence the report itself, kept with the list entry
     */
    public boolean recordReturned(
            long messageId,
            long recipientId,
            EventKind kind,
            String detail,
            ReturnedConsequence consequence,
            String evidence) {
        List<Long> written = new ArrayList<>();
        boolean recorded = inTransaction(connection -> {
            written.clear();
            Instant now = clock.instant();
            Optional<ReturnedTo> to = ReturnedTo.find(connection, messageId, recipientId);
            if (to.isEmpty()) {
                return false;
            }
            // Once per recipient and kind: feedback loops resend reports, a sender retries after a 451, and the rates
            // that pause a domain must not count one complaint twice.
            if (ReturnedTo.recorded(connection, recipientId, kind)) {
                return true;
            }
            try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
                story.recipient(recipientId, kind, detail);
                Optional<TenantId> tenant = to.get().tenant();
                EmailAddress address = to.get().address();
                if (tenant.isPresent()) {
                    switch (consequence) {
                        case NONE -> {}
                        case SOFT_BOUNCE -> countSoftBounce(
                                connection, story, tenant.get(), address, messageId, evidence, now);
                        case HARD_BOUNCE -> suppress(
                                connection,
                                story,
                                new Suppression(tenant.get(), address, SuppressionReason.HARD_BOUNCE, "bounce"),
                                messageId,
                                evidence,
                                now,
                                Optional.empty());
                        case COMPLAINT -> suppress(
                                connection,
                                story,
                                new Suppression(tenant.get(), address, SuppressionReason.COMPLAINT, "complaint"),
                                messageId,
                                evidence,
                                now,
                                Optional.empty());
                    }
                }
                story.send();
                written.addAll(story.written());
            }
            return true;
        });
        publishSoon(written.stream().map(Committed::event).toList());
        return recorded;
    }

    /** An address to put on its tenant's list for every stream, why, and who the change is recorded as. */
    private record Suppression(TenantId tenant, EmailAddress address, SuppressionReason reason, String actor) {}

    // The address on the list, with its SUPPRESSION_ADDED event in the story, unless it is on the list already.
    private void suppress(
            Connection connection,
            EventWriter story,
            Suppression suppression,
            long messageId,
            String evidence,
            Instant now,
            Optional<Instant> expiresAt)
            throws SQLException {
        SuppressionScope scope = SuppressionScope.tenant(suppression.tenant(), Optional.empty());
        if (suppressionRows.add(
                connection,
                scope,
                suppression.address(),
                suppression.reason(),
                messageId,
                evidence,
                suppression.actor(),
                now,
                expiresAt)) {
            story.list(SuppressionEvents.added(
                    scope,
                    suppression.address(),
                    suppression.reason(),
                    suppression.actor(),
                    OptionalLong.of(messageId),
                    expiresAt));
        }
    }

    // One more soft bounce of the address; the one that reaches the rule suppresses it for the rule's time.
    private void countSoftBounce(
            Connection connection,
            EventWriter story,
            TenantId tenant,
            EmailAddress address,
            long messageId,
            String evidence,
            Instant now)
            throws SQLException {
        SoftBounces counter = softBounces;
        if (counter != null && counter.count(connection, tenant, address, now)) {
            SoftBounceRule rule = counter.rule();
            suppress(
                    connection,
                    story,
                    new Suppression(tenant, address, SuppressionReason.SOFT_BOUNCE, "bounce"),
                    messageId,
                    rule.limit() + " soft bounces, none more than " + rule.window() + " apart; the last:\n" + evidence,
                    now,
                    Optional.of(now.plus(rule.suppressFor())));
        }
    }

    /**
     * Records an unsubscribe: {@code recipient} on {@code tenant}'s list for each of {@code topics} of its bulk mail,
     * or for all its bulk mail when none is named, and an UNSUBSCRIBED event on the message (while its content is
     * kept), in one transaction; nothing more for a list it is on already. Holds however long after the message's
     * records are gone, as the one-click link does.
     */
    public void recordUnsubscribe(
            TenantId tenant, long messageId, EmailAddress recipient, List<Topic> topics, String detail) {
        List<Long> written = new ArrayList<>();
        inTransaction(connection -> {
            written.clear();
            unsubscribe(connection, tenant, messageId, recipient, topics, detail, written);
            return null;
        });
        publishSoon(written.stream().map(Committed::event).toList());
    }

    /**
     * As {@link #recordUnsubscribe}, for mail to {@code recipient}'s {@code mailto:} unsubscribe address, whose tenant
     * and topic the message's row tells. False when the row is gone, or the message is no tenant's.
     */
    public boolean recordMailUnsubscribe(long messageId, EmailAddress recipient, String detail) {
        List<Long> written = new ArrayList<>();
        boolean recorded = inTransaction(connection -> {
            written.clear();
            Optional<MessageOwner> owner = MessageOwner.ofRow(connection, messageId);
            Optional<TenantId> tenant = owner.flatMap(MessageOwner::tenant);
            if (tenant.isPresent()) {
                List<Topic> topics = owner.get().topic().stream().toList();
                unsubscribe(connection, tenant.get(), messageId, recipient, topics, detail, written);
            }
            return tenant.isPresent();
        });
        publishSoon(written.stream().map(Committed::event).toList());
        return recorded;
    }

    private void unsubscribe(
            Connection connection,
            TenantId tenant,
            long messageId,
            EmailAddress recipient,
            List<Topic> topics,
            String detail,
            List<Long> written)
            throws SQLException {
        Instant now = clock.instant();
        List<SuppressionScope> lists = topics.isEmpty()
                ? List.of(SuppressionScope.tenant(tenant, Optional.of(MessageStream.BULK)))
                : topics.stream()
                        .map(topic -> SuppressionScope.topic(tenant, topic))
                        .toList();
        // A link works long after its message's records are gone; an event naming a message no longer there would be
        // kept for ever (retention deletes events with their message, or those that name none).
        OptionalLong cause = MessageOwner.ofRow(connection, messageId).isPresent()
                ? OptionalLong.of(messageId)
                : OptionalLong.empty();
        try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
            boolean any = false;
            for (SuppressionScope list : lists) {
                if (suppressionRows.add(
                        connection,
                        list,
                        recipient,
                        SuppressionReason.UNSUBSCRIBE,
                        messageId,
                        detail,
                        "recipient",
                        now,
                        Optional.empty())) {
                    any = true;
                    story.list(SuppressionEvents.added(
                            list, recipient, SuppressionReason.UNSUBSCRIBE, "recipient", cause, Optional.empty()));
                }
            }
            if (any) {
                String left = topics.isEmpty()
                        ? "all bulk mail"
                        : "topic "
                                + String.join(
                                        ", ", topics.stream().map(Topic::name).toList());
                RecipientEvent.record(
                        connection, story, messageId, recipient, EventKind.UNSUBSCRIBED, detail + "; left " + left);
            }
            story.send();
            written.addAll(story.written());
        }
    }

    /** The recipients of message {@code messageId}, if its row is kept; none otherwise. */
    public List<EmailAddress> recipientsOf(long messageId) {
        return inTransaction(connection -> {
            List<EmailAddress> recipients = new ArrayList<>();
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT address FROM outpost_recipient WHERE message_id = ?")) {
                select.setLong(1, messageId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        recipients.add(EmailAddress.parse(rows.getString(1)));
                    }
                }
            }
            return recipients;
        });
    }

    /** The return-path domain message {@code messageId} was sent with, if its row is kept and it had one. */
    public Optional<Domain> returnPathDomainOf(long messageId) {
        return inTransaction(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT return_path_domain FROM outpost_message WHERE id = ?")) {
                select.setLong(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getString(1) != null
                            ? Optional.of(Domain.of(row.getString(1)))
                            : Optional.<Domain>empty();
                }
            }
        });
    }

    /**
     * Reserves the id a message will be queued under, for content that must name it before it is committed (tracking
     * links). From the same blocks as the commit's ids; one reserved and never used is a harmless gap.
     */
    public long reserveMessageId() {
        try {
            return messageIds.next(dataSource);
        } catch (SQLException e) {
            throw new PersistenceException("no message id reserved", e);
        }
    }

    /**
     * Cancels the tenant's scheduled message before its time ({@link Cancellation#cancel}), in one transaction of its
     * own, its CANCELLED event published after the commit.
     */
    public Cancellation cancelScheduled(long messageId, TenantId tenant) {
        List<Long> written = new ArrayList<>();
        Cancellation result = inTransaction(connection -> {
            written.clear();
            Instant now = clock.instant();
            try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
                Cancellation cancellation = Cancellation.cancel(connection, story, messageId, tenant, now);
                story.send();
                written.addAll(story.written());
                return cancellation;
            }
        });
        publishSoon(written.stream().map(Committed::event).toList());
        return result;
    }

    /**
     * Applies an operator's action to the waiting recipients of its target ({@link OperatorActions}), tells it in each
     * recipient's story and, for a purge with bounce, queues each message's DSN ({@code notices}) with its DSN_QUEUED
     * event, all in one transaction of its own. The DSNs are leased to this node, for the caller to hand over or release.
     */
    public Operated operate(OperatorRequest request, PurgeNotices notices) {
        return operate(request, notices, 0);
    }

    /**
     * As {@link #operate(OperatorRequest, PurgeNotices)}, on the target's recipients after {@code afterId}, at most
     * {@link OperatorActions#CHUNK} of them: a destination's whole queue is acted on in several short transactions,
     * so no delivery claim waits long for its locks.
     */
    public Operated operate(OperatorRequest request, PurgeNotices notices, long afterId) {
        List<Committed> committed = new ArrayList<>();
        Operated operated = inTransaction(connection -> {
            committed.clear();
            Instant now = clock.instant();
            try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
                OperatorActions.Applied applied = OperatorActions.apply(connection, story, request, now, afterId);
                List<NewMessage> dsns = new ArrayList<>();
                List<Long> about = new ArrayList<>();
                if (request.bounce()) {
                    for (List<OperatorActions.Changed> purged :
                            applied.byMessage().values()) {
                        notices.notice(
                                        purged.get(0).messageId(),
                                        purged.stream()
                                                .map(OperatorActions.Changed::address)
                                                .toList())
                                .ifPresent(dsn -> {
                                    dsns.add(dsn);
                                    about.add(purged.get(0).recipientId());
                                });
                    }
                }
                List<StoredMessage> stored = store(connection, dsns, committed);
                for (int i = 0; i < stored.size(); i++) {
                    dsnQueued(story, about.get(i), stored.get(i), dsns.get(i));
                }
                story.send();
                story.written().forEach(id -> committed.add(Committed.event(id)));
                stored.forEach(dsn -> committed.add(Committed.message(dsn.messageId())));
                return new Operated(
                        new OperatorOutcome(applied.changed().size(), applied.inFlight(), stored.size()),
                        stored,
                        applied.readUpTo());
            }
        });
        publishSoon(committed);
        return operated;
    }

    // The DSN_QUEUED event of the message a DSN is about, filed through one of its recipients.
    private static void dsnQueued(EventWriter story, long recipientId, StoredMessage dsn, NewMessage notice)
            throws SQLException {
        story.messageOf(
                recipientId,
                EventKind.DSN_QUEUED,
                "DSN " + dsn.messageId() + " to " + notice.recipients().get(0));
    }

    /** What {@link #operate} did, and the DSNs it queued (leased to this node). */
    /**
     * What {@link #operate} did, the DSNs it queued (leased to this node), and the last recipient id it read when the
     * target may have more after it.
     */
    public record Operated(OperatorOutcome outcome, List<StoredMessage> notices, Optional<Long> readUpTo) {}

    /**
     * Records the outcomes of delivery attempts and queues the notifications (DSNs) they caused, all in one
     * transaction, so a DSN exists exactly when its bounce is recorded. An outcome counts only while its attempt's
     * claim still holds the recipient; an attempt with any outcome dropped queues no DSN, as the attempt that holds the
     * recipient now reports on it. Returns, for each attempt, the DSN it queued, if any.
     */
    public List<List<StoredMessage>> record(List<AttemptRecord> attempts) {
        List<Committed> committed = new ArrayList<>();
        List<List<StoredMessage>> dsnsByAttempt = inTransaction(connection -> {
            committed.clear();
            Instant now = clock.instant();
            try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(now))) {
                Set<RecipientUpdate> applied = ClaimFence.record(
                        connection,
                        attempts.stream().flatMap(a -> a.updates().stream()).toList(),
                        now);
                List<NewMessage> notifications = new ArrayList<>();
                List<AttemptRecord> notifying = new ArrayList<>();
                List<Boolean> notifies = new ArrayList<>(attempts.size());
                List<ClassifiedBounce> softlyBounced = new ArrayList<>();
                for (AttemptRecord attempt : attempts) {
                    Map<Long, ClassifiedBounce> bounces = new HashMap<>();
                    attempt.bounces().forEach(bounce -> bounces.put(bounce.recipientId(), bounce));
                    for (RecipientUpdate update : attempt.updates()) {
                        if (!applied.contains(update)) {
                            continue;
                        }
                        ClassifiedBounce bounce = bounces.get(update.recipientId());
                        String detail = bounce == null
                                ? update.reply()
                                : ClassifiedBounce.eventDetail(update.reply(), bounce.bounceClass());
                        story.recipient(update.recipientId(), EventKind.of(update.state()), detail);
                        if (bounce != null && bounce.listOf().isPresent()) {
                            TenantId tenant = bounce.listOf().get();
                            if (bounce.bounceClass() == BounceClass.HARD) {
                                suppress(
                                        connection,
                                        story,
                                        new Suppression(
                                                tenant, bounce.address(), SuppressionReason.HARD_BOUNCE, "bounce"),
                                        bounce.messageId(),
                                        bounce.reply(),
                                        now,
                                        Optional.empty());
                            } else if (bounce.bounceClass().isSoft()) {
                                softlyBounced.add(bounce);
                            }
                        }
                    }
                    boolean notify = attempt.notification().isPresent() && applied.containsAll(attempt.updates());
                    if (notify) {
                        notifications.add(attempt.notification().orElseThrow());
                        notifying.add(attempt);
                    }
                    notifies.add(notify);
                }
                // Counted last and in one order, tenant then address: each count locks its row (SoftBounces), and two
                // transactions that took the same rows in other orders would deadlock (PostgreSQL aborts one).
                softlyBounced.sort(Comparator.comparing((ClassifiedBounce bounce) ->
                                bounce.listOf().orElseThrow().value())
                        .thenComparing(bounce ->
                                SuppressionTarget.address(bounce.address()).value()));
                for (ClassifiedBounce bounce : softlyBounced) {
                    countSoftBounce(
                            connection,
                            story,
                            bounce.listOf().orElseThrow(),
                            bounce.address(),
                            bounce.messageId(),
                            bounce.reply(),
                            now);
                }
                // store() keeps the order of the notifications it was given: hand each attempt back its own.
                List<StoredMessage> dsns = store(connection, notifications, committed);
                for (int i = 0; i < dsns.size(); i++) {
                    // Filed under the message of the attempt's recipients (an attempt always has some:
                    // AttemptRecorder).
                    List<RecipientUpdate> updates = notifying.get(i).updates();
                    if (!updates.isEmpty()) {
                        dsnQueued(story, updates.get(0).recipientId(), dsns.get(i), notifications.get(i));
                    }
                }
                story.send();
                story.written().forEach(id -> committed.add(Committed.event(id)));
                dsns.forEach(dsn -> committed.add(Committed.message(dsn.messageId())));
                var stored = dsns.iterator();
                return notifies.stream()
                        .map(notify -> notify ? List.of(stored.next()) : List.<StoredMessage>of())
                        .toList();
            }
        });
        publishSoon(committed);
        return dsnsByAttempt;
    }

    /**
     * Writes events of a tenant's lists in the caller's transaction, on its connection: so an event exists exactly
     * when its change does. Returns their ids, for {@link #publishCommitted} once that transaction has committed (what
     * a crash loses before then is published at the next start).
     */
    public List<Long> writeListEvents(Connection connection, List<ListEvent> events) throws SQLException {
        try (EventWriter story = new EventWriter(connection, eventIds, Timestamp.from(clock.instant()))) {
            for (ListEvent event : events) {
                story.list(event);
            }
            story.send();
            return story.written();
        }
    }

    /** Publishes events another transaction wrote with {@link #writeListEvents}, now that it has committed. */
    public void publishCommitted(List<Long> eventIds) {
        publishSoon(eventIds.stream().map(Committed::event).toList());
    }

    /**
     * Publishes what later commits make, a little after each and many at a time: see {@link EventPublisher}. Until it
     * is set (and in tests that call {@link #publish} themselves) nothing is published after a commit.
     */
    public void publishAfterCommits(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Counts soft bounces from now on by {@code counter}'s rule; until then (and in tests) none are counted. */
    public void countSoftBounces(SoftBounces counter) {
        this.softBounces = counter;
    }

    private void publishSoon(List<Committed> committed) {
        EventPublisher current = publisher;
        if (current != null && !committed.isEmpty()) {
            current.add(committed);
        }
    }

    /**
     * Publishes committed messages and events, in this order, in one transaction: each new message gets its row in the
     * message listing ({@code outpost_message_lookup}) and a {@link EventKind#QUEUED} event, and every event its
     * tenant and its place in the event stream ({@code feed_position}, V10__event_feed.sql). Not synced: what a crash
     * loses is published again by {@link #publishUnpublished} at the next start.
     */
    public void publish(List<Committed> committed) {
        inTransaction(connection -> {
            publish(connection, committed);
            return null;
        });
    }

    /**
     * Publishes what a crash left unpublished: messages received since {@code lookBack} before the newest one listed
     * that have no look-up row, and the events among the newest {@link #UNPUBLISHED_EVENT_WINDOW} ids without a place
     * in the stream. Returns how many messages and events.
     */
    public int publishUnpublished(Duration lookBack) {
        List<Committed> unpublished = inTransaction(connection -> {
            List<Committed> found = new ArrayList<>();
            Timestamp since;
            try (PreparedStatement newest =
                            connection.prepareStatement("SELECT MAX(received_at) FROM outpost_message_lookup");
                    var rows = newest.executeQuery()) {
                rows.next();
                Timestamp last = rows.getTimestamp(1);
                since = last == null
                        ? Timestamp.from(Instant.EPOCH)
                        : Timestamp.from(last.toInstant().minus(lookBack));
            }
            // The retention index gives the range: content not purged (null), received since then.
            try (PreparedStatement select = connection.prepareStatement("SELECT m.id FROM outpost_message m WHERE"
                    + " m.content_purged_at IS NULL AND m.received_at >= ? AND NOT EXISTS (SELECT 1 FROM"
                    + " outpost_message_lookup l WHERE l.message_id = m.id) ORDER BY m.received_at, m.id")) {
                select.setTimestamp(1, since);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(Committed.message(rows.getLong(1)));
                    }
                }
            }
            // Ids rise within each node's blocks, so the events a crash left are among the newest ids.
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM outpost_event WHERE id > ?"
                    + " AND feed_position IS NULL ORDER BY occurred_at, id")) {
                select.setLong(1, maxEventId(connection) - UNPUBLISHED_EVENT_WINDOW);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(Committed.event(rows.getLong(1)));
                    }
                }
            }
            return found;
        });
        // In transactions of a bounded size: each holds the stream's position lock, and names its ids in one list.
        int published = 0;
        for (int from = 0; from < unpublished.size(); from += REPAIR_BATCH) {
            List<Committed> chunk = unpublished.subList(from, Math.min(unpublished.size(), from + REPAIR_BATCH));
            publish(chunk);
            published += chunk.size();
        }
        return published;
    }

    private static long maxEventId(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(id) FROM outpost_event");
                var rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void publish(Connection connection, List<Committed> committed) throws SQLException {
        if (committed.isEmpty()) {
            return;
        }
        List<Long> events = new ArrayList<>(committed.size());
        List<Long> messages = new ArrayList<>();
        try (PreparedStatement queued = connection.prepareStatement(INSERT_QUEUED_EVENT)) {
            for (Committed item : committed) {
                if (item.message()) {
                    long eventId = eventIds.next(connection);
                    queued.setLong(1, eventId);
                    queued.setLong(2, item.id());
                    queued.addBatch();
                    messages.add(item.id());
                    events.add(eventId);
                } else {
                    events.add(item.id());
                }
            }
            if (!messages.isEmpty()) {
                queued.executeBatch();
            }
        }
        index(connection, messages);
        long position = reservePositions(connection, events.size());
        List<Long> placed = new ArrayList<>(events.size());
        try (PreparedStatement place = connection.prepareStatement(PLACE_EVENT)) {
            for (long eventId : events) {
                place.setLong(1, ++position);
                place.setLong(2, eventId);
                place.addBatch();
            }
            int[] updated = place.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                // Placed now, not by another publisher before (a start's repair racing a node's own publisher).
                if (updated[i] > 0 || updated[i] == Statement.SUCCESS_NO_INFO) {
                    placed.add(events.get(i));
                }
            }
        }
        // Still holding the feed's head row (reservePositions): no other publisher counts at the same time.
        StatsCounters.count(connection, placed);
    }

    // The row lock taken here is held until this transaction commits: the next publisher, on this node or another,
    // waits, so positions become visible in the order they were handed out.
    private static long reservePositions(Connection connection, int count) throws SQLException {
        try (PreparedStatement reserve = connection.prepareStatement(
                "UPDATE outpost_event_feed_head SET last_position = last_position + ? WHERE id = 1")) {
            reserve.setInt(1, count);
            reserve.executeUpdate();
        }
        try (PreparedStatement read =
                        connection.prepareStatement("SELECT last_position FROM outpost_event_feed_head WHERE id = 1");
                var rows = read.executeQuery()) {
            rows.next();
            return rows.getLong(1) - count;
        }
    }

    private static void index(Connection connection, List<Long> messageIds) throws SQLException {
        if (messageIds.isEmpty()) {
            return;
        }
        StringBuilder in = new StringBuilder("m.id IN (");
        for (int i = 0; i < messageIds.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement insert = connection.prepareStatement(INDEX_SELECT + in + ")")) {
            for (int i = 0; i < messageIds.size(); i++) {
                insert.setLong(i + 1, messageIds.get(i));
            }
            insert.executeUpdate();
        }
    }

    /**
     * Makes every transaction committed so far durable: the group committers call it after each batch, before any
     * caller hears that its item is stored ({@link CommitSync}). Committers that ask at once share one sync.
     */
    public void syncToDisk() {
        syncWithin(Duration.ZERO);
    }

    /**
     * As {@link #syncToDisk()}, for the outcomes of delivery attempts: first waits up to {@link #OUTCOME_SYNC_PATIENCE}
     * for the intake's next sync and rides on it. No client waits for an outcome (the worker has moved on), and while
     * mail arrives the intake syncs every few milliseconds: sharing its fsyncs halves the fsyncs per message.
     */
    public void syncOutcomesToDisk() {
        syncWithin(OUTCOME_SYNC_PATIENCE);
    }

    private void syncWithin(Duration patience) {
        try {
            if (diskSync.isPresent()) {
                diskSync.get().afterCommit(patience);
            }
        } catch (SQLException e) {
            throw new PersistenceException("committed transactions not synced to disk", e);
        }
    }

    /**
     * The message row is the first chapter of its story: it says when, from which client, how large and how signed the
     * message was received and queued, so intake writes no event rows but for the rare recipient refused at RCPT. Each
     * event row is one more index entry in the commit before the 250, and on the embedded database that cost a fifth of
     * one session's rate (docs/performance.md).
     */
    private List<StoredMessage> store(Connection connection, List<NewMessage> batch, List<Committed> refusals)
            throws SQLException, IOException {
        if (batch.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Timestamp received = Timestamp.from(now);
        Timestamp leasedUntil = Timestamp.from(now.plus(lease));
        long token = Claim.newToken();
        List<StoredMessage> stored = new ArrayList<>(batch.size());
        List<InputStream> open = new ArrayList<>(batch.size());
        try (PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
                PreparedStatement recipients = connection.prepareStatement(INSERT_RECIPIENT)) {
            for (NewMessage incoming : batch) {
                long messageId = incoming.id().isPresent() ? incoming.id().getAsLong() : messageIds.next(connection);
                MessageContent content = incoming.content();
                messages.setLong(1, messageId);
                messages.setString(2, SENDERS.convertToDatabaseColumn(incoming.sender()));
                messages.setTimestamp(3, received);
                messages.setString(4, incoming.clientAddress());
                messages.setLong(5, content.size());
                messages.setBoolean(6, incoming.smtpUtf8());
                messages.setString(7, incoming.returnPath().map(Domain::name).orElse(null));
                messages.setString(8, QueuedMessage.authenticationNote(incoming.authentication()));
                InputStream in = content.open();
                open.add(in);
                messages.setString(9, incoming.tenant().map(TenantId::value).orElse(null));
                messages.setString(10, incoming.headerMessageId().orElse(null));
                messages.setString(
                        11, incoming.submittedBy().map(QueueCommits::cut).orElse(null));
                messages.setString(12, incoming.tls().map(QueueCommits::cut).orElse(null));
                messages.setBinaryStream(13, in, content.size());
                SendOptions options = incoming.options();
                messages.setString(14, options.labels().map(MessageLabels::json).orElse(null));
                messages.setString(15, options.stream().name());
                messages.setTimestamp(16, options.sendAt().map(Timestamp::from).orElse(null));
                messages.setString(17, options.topic().map(Topic::name).orElse(null));
                messages.addBatch();
                // A scheduled message's recipients wait unclaimed until their time, when any node may claim them; the
                // others are leased to this node, which attempts them at once.
                Optional<Timestamp> scheduled = options.sendAt().map(Timestamp::from);
                List<Claim> claims = new ArrayList<>(incoming.recipients().size());
                for (EmailAddress address : incoming.recipients()) {
                    long recipientId = recipientIds.next(connection);
                    recipients.setLong(1, recipientId);
                    recipients.setLong(2, messageId);
                    recipients.setString(3, address.toString());
                    recipients.setString(4, RecipientState.QUEUED.name());
                    recipients.setTimestamp(5, scheduled.orElse(leasedUntil));
                    recipients.setString(6, scheduled.isPresent() ? null : nodeId);
                    if (scheduled.isPresent()) {
                        recipients.setNull(7, Types.BIGINT);
                    } else {
                        recipients.setLong(7, token);
                        claims.add(new Claim(recipientId, messageId, address, 0, token));
                    }
                    recipients.setTimestamp(8, received);
                    recipients.addBatch();
                }
                stored.add(new StoredMessage(
                        messageId,
                        content.spooled() || scheduled.isPresent()
                                ? Optional.empty()
                                : Optional.of(new MessageForDelivery(
                                        messageId,
                                        incoming.sender(),
                                        incoming.returnPath(),
                                        now,
                                        incoming.tenant(),
                                        content,
                                        options.stream(),
                                        Optional.empty(),
                                        options.topic())),
                        List.copyOf(claims)));
            }
            // Messages first: each recipient row refers to its message.
            messages.executeBatch();
            recipients.executeBatch();
            recordRefusals(connection, batch, stored, received, refusals);
            rememberIdempotencyKeys(connection, batch, stored);
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
        return stored;
    }

    // In the message's own transaction: the key its request claimed names the message exactly when the message exists.
    // UPDATEs of rows the claim made, never INSERTs, so nothing here can conflict and fail the other messages of the
    // batch.
    private static void rememberIdempotencyKeys(
            Connection connection, List<NewMessage> batch, List<StoredMessage> stored) throws SQLException {
        if (batch.stream().allMatch(message -> message.options().idempotency().isEmpty())) {
            return;
        }
        List<BatchItem> items = new ArrayList<>();
        List<Long> itemMessages = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE outpost_idempotency SET message_id = ?,"
                + " recipients = ? WHERE tenant_id = ? AND idempotency_key = ?")) {
            for (int i = 0; i < batch.size(); i++) {
                IdempotencyMark mark = batch.get(i).options().idempotency().orElse(null);
                if (mark instanceof IdempotencyKey key) {
                    update.setLong(1, stored.get(i).messageId());
                    update.setInt(2, batch.get(i).recipients().size());
                    update.setString(3, key.tenant().value());
                    update.setString(4, key.key());
                    update.addBatch();
                } else if (mark instanceof BatchItem item) {
                    items.add(item);
                    itemMessages.add(stored.get(i).messageId());
                }
            }
            update.executeBatch();
        }
        if (!items.isEmpty()) {
            IdempotentAnswer.nameBatchItems(connection, items, itemMessages);
        }
    }

    // Only messages whose transaction had a recipient refused write anything here: the everyday commit writes no event.
    private void recordRefusals(
            Connection connection,
            List<NewMessage> batch,
            List<StoredMessage> stored,
            Timestamp received,
            List<Committed> refusals)
            throws SQLException {
        if (batch.stream().allMatch(message -> message.refusals().isEmpty())) {
            return;
        }
        try (EventWriter events = new EventWriter(connection, eventIds, received)) {
            for (int i = 0; i < batch.size(); i++) {
                for (String refusal : batch.get(i).refusals()) {
                    events.message(stored.get(i).messageId(), batch.get(i).tenant(), EventKind.REFUSED, refusal);
                }
            }
            events.send();
            events.written().forEach(id -> refusals.add(Committed.event(id)));
        }
    }

    // The columns' width: a user name or cipher suite longer than any real one is cut, never a failed commit.
    private static String cut(String text) {
        return cut(text, 255);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width);
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                // Back to the pool as it came: the next user of this connection expects auto-commit.
                connection.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new PersistenceException("queue transaction failed", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

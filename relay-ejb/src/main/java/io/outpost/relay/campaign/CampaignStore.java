package io.outpost.relay.campaign;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.audience.SubscriberState;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.RecipientState;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Campaigns: created, listed, paused, resumed and cancelled for their tenant (every such query names it, and another
 * tenant's campaign is not found), and claimed and advanced batch by batch for the sender. Each public method is one
 * transaction.
 *
 * <p>A node claims a due campaign with a conditional update of its lease (as webhooks are claimed), so two nodes never
 * send one campaign's batch at once; a claim a crashed node left runs out after its lease. Before a batch is sent it is
 * pinned in the row ({@link PinnedBatch}); the cursor moves past it only once its messages are committed.
 */
@Stateless
public class CampaignStore {

    /** Campaigns one listing returns, newest first. */
    public static final int MAX_LIST = 100;

    /**
     * Subscribers a batch looks at per place it has: a segment that matches few subscribers moves the cursor on by this
     * many without filling its batch, so one turn of the sender stays bounded.
     */
    static final int SCAN_FACTOR = 10;

    private static final String CONFIRMED = SubscriberState.CONFIRMED.name();

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** The confirmed subscribers of the tenant's audience (in the segment) as a campaign would reach them now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AudienceReach reach(TenantId tenant, AudienceId audience, Optional<Segment> segment)
            throws NoSuchEntryException {
        long audienceRow =
                audienceRow(tenant, audience).orElseThrow(() -> new NoSuchEntryException("no audience " + audience));
        if (segment.isEmpty()) {
            Number total =
                    (Number) em.createNativeQuery("SELECT COUNT(*) FROM outpost_subscriber WHERE audience_id = ?1"
                                    + " AND tenant_id = ?2 AND state = ?3")
                            .setParameter(1, audienceRow)
                            .setParameter(2, tenant.value())
                            .setParameter(3, CONFIRMED)
                            .getSingleResult();
            return new AudienceReach(
                    total.intValue(),
                    confirmedAfter(tenant, audienceRow, 0, 1).stream().findFirst());
        }
        // The attributes are JSON text, which H2 and PostgreSQL query differently: read in pages and matched here.
        int total = 0;
        Optional<CampaignRecipient> first = Optional.empty();
        long cursor = 0;
        List<CampaignRecipient> page;
        do {
            page = confirmedAfter(tenant, audienceRow, cursor, PinnedBatch.MAX_SIZE);
            for (CampaignRecipient subscriber : page) {
                if (segment.get().matches(subscriber.attributes())) {
                    total++;
                    first = first.or(() -> Optional.of(subscriber));
                }
                cursor = subscriber.subscriberId();
            }
        } while (page.size() == PinnedBatch.MAX_SIZE);
        return new AudienceReach(total, first);
    }

    public Campaign create(NewCampaign campaign) {
        Instant now = clock.instant();
        StoredCampaign stored = new StoredCampaign(
                campaign, campaign.sendAt().isAfter(now) ? CampaignState.SCHEDULED : CampaignState.SENDING, now);
        em.persist(stored);
        em.flush();
        return stored.view();
    }

    /** The tenant's campaigns, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Campaign> list(TenantId tenant) {
        return em.createQuery(
                        "SELECT c FROM StoredCampaign c WHERE c.tenantId = :tenant ORDER BY c.id DESC",
                        StoredCampaign.class)
                .setParameter("tenant", tenant)
                .setMaxResults(MAX_LIST)
                .getResultStream()
                .map(StoredCampaign::view)
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Campaign get(TenantId tenant, long id) throws NoSuchEntryException {
        return stored(tenant, id).view();
    }

    /**
     * Pauses, resumes or cancels the tenant's campaign, if its state allows it. A batch being sent as it is paused or
     * cancelled still commits; the messages already queued go out.
     *
     * @throws ConflictException naming {@code state} when the campaign's state does not allow the action
     */
    public Campaign act(TenantId tenant, long id, CampaignState.Action action)
            throws NoSuchEntryException, ConflictException {
        Instant now = clock.instant();
        Campaign current = stored(tenant, id).view();
        if (!current.state().allows(action)) {
            throw new ConflictException(
                    "state",
                    "a " + current.state().wireName() + " campaign cannot "
                            + action.name().toLowerCase(Locale.ROOT));
        }
        CampaignState next = current.state().after(action, !current.sendAt().isAfter(now));
        var update = em.createNativeQuery("UPDATE outpost_campaign SET state = ?1"
                        + (next.isFinal() ? ", finished_at = ?5" : "")
                        + " WHERE id = ?2 AND tenant_id = ?3 AND state = ?4")
                .setParameter(1, next.name())
                .setParameter(2, id)
                .setParameter(3, tenant.value())
                .setParameter(4, current.state().name());
        if (next.isFinal()) {
            update.setParameter(5, Timestamp.from(now));
        }
        int changed = update.executeUpdate();
        em.clear();
        Campaign after = stored(tenant, id).view();
        if (changed == 0) {
            // The sender finished it, or another request changed it, between the read and the update.
            throw new ConflictException(
                    "state", "the campaign became " + after.state().wireName() + " meanwhile; nothing was changed");
        }
        return after;
    }

    /** Its messages' recipients by state, and the unsubscribes and complaints they brought. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public CampaignOutcomes outcomes(TenantId tenant, long id) throws NoSuchEntryException {
        stored(tenant, id);
        Map<RecipientState, Long> recipients = new EnumMap<>(RecipientState.class);
        for (Object row : em.createNativeQuery(
                        "SELECT r.state, COUNT(*) FROM outpost_campaign_message c JOIN"
                                + " outpost_recipient r ON r.message_id = c.message_id WHERE c.campaign_id = ?1 GROUP BY r.state")
                .setParameter(1, id)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            recipients.put(RecipientState.valueOf((String) columns[0]), ((Number) columns[1]).longValue());
        }
        Map<String, Long> events = new HashMap<>();
        for (Object row : em.createNativeQuery(
                        "SELECT e.kind, COUNT(DISTINCT e.message_id) FROM outpost_campaign_message"
                                + " c JOIN outpost_event e ON e.message_id = c.message_id WHERE c.campaign_id = ?1 AND e.kind IN"
                                + " (?2, ?3) GROUP BY e.kind")
                .setParameter(1, id)
                .setParameter(2, EventKind.UNSUBSCRIBED.name())
                .setParameter(3, EventKind.COMPLAINED.name())
                .getResultList()) {
            Object[] columns = (Object[]) row;
            events.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return new CampaignOutcomes(
                recipients,
                events.getOrDefault(EventKind.UNSUBSCRIBED.name(), 0L),
                events.getOrDefault(EventKind.COMPLAINED.name(), 0L));
    }

    /**
     * Claims for {@code node} up to {@code limit} campaigns whose time has come and that no node holds, for {@code
     * lease}; a scheduled one becomes SENDING.
     */
    public List<Long> claimDue(String node, Duration lease, int limit) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        List<?> ids = em.createNativeQuery("SELECT id FROM outpost_campaign WHERE state IN (?1, ?2) AND send_at <= ?3"
                        + " AND (claimed_until IS NULL OR claimed_until < ?3) ORDER BY send_at, id")
                .setParameter(1, CampaignState.SCHEDULED.name())
                .setParameter(2, CampaignState.SENDING.name())
                .setParameter(3, at)
                .setMaxResults(limit)
                .getResultList();
        List<Long> claimed = new ArrayList<>();
        for (Object id : ids) {
            long campaign = ((Number) id).longValue();
            int won = em.createNativeQuery("UPDATE outpost_campaign SET claimed_by = ?1, claimed_until = ?2, state = ?3"
                            + " WHERE id = ?4 AND state IN (?5, ?3) AND send_at <= ?6"
                            + " AND (claimed_until IS NULL OR claimed_until < ?6)")
                    .setParameter(1, node)
                    .setParameter(2, Timestamp.from(now.plus(lease)))
                    .setParameter(3, CampaignState.SENDING.name())
                    .setParameter(4, campaign)
                    .setParameter(5, CampaignState.SCHEDULED.name())
                    .setParameter(6, at)
                    .executeUpdate();
            if (won == 1) {
                claimed.add(campaign);
            }
        }
        return claimed;
    }

    /**
     * The next batch of a campaign {@code node} holds: the one pinned before, which a crash or a refusal stopped, or the
     * next subscribers after its cursor, pinned now. Empty when the node no longer holds it, or when no subscriber is
     * left after the cursor: then the campaign is SENT.
     *
     * @param size the most subscribers a new batch holds
     */
    public Optional<DueBatch> nextBatch(long id, String node, int size) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT claimed_by, cursor_id, batch_ids, batch_end, state FROM outpost_campaign WHERE id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        if (!node.equals(row[0])) {
            return Optional.empty();
        }
        if (!CampaignState.valueOf((String) row[4]).sends()) {
            // Paused or cancelled since it was claimed: no new batch; the node lets go of it.
            releaseClaim(id, node);
            return Optional.empty();
        }
        StoredCampaign stored = em.find(StoredCampaign.class, id);
        Campaign campaign = stored.view();
        Optional<Long> audienceRow = audienceRow(campaign.tenant(), campaign.audience());
        long cursor = ((Number) row[1]).longValue();
        PinnedBatch batch;
        if (row[2] != null) {
            batch = PinnedBatch.of(cursor, (String) row[2], ((Number) row[3]).longValue());
        } else {
            List<CampaignRecipient> next = audienceRow
                    .map(audience -> confirmedAfter(campaign.tenant(), audience, cursor, size * SCAN_FACTOR))
                    .orElse(List.of());
            if (next.isEmpty()) {
                finish(id, node);
                return Optional.empty();
            }
            batch = pin(id, node, cursor, next, campaign.segment(), size);
        }
        return Optional.of(new DueBatch(
                campaign,
                stored.submittedAs(),
                stored.clientAddress(),
                batch,
                audienceRow
                        .map(audience -> stillConfirmed(campaign.tenant(), audience, batch))
                        .orElse(List.of())));
    }

    private PinnedBatch pin(
            long id, String node, long cursor, List<CampaignRecipient> next, Optional<Segment> segment, int size) {
        List<Long> members = new ArrayList<>();
        long end = cursor;
        for (CampaignRecipient subscriber : next) {
            if (members.size() == size) {
                break;
            }
            end = subscriber.subscriberId();
            if (segment.map(s -> s.matches(subscriber.attributes())).orElse(true)) {
                members.add(subscriber.subscriberId());
            }
        }
        PinnedBatch batch = new PinnedBatch(cursor, members, end);
        em.createNativeQuery("UPDATE outpost_campaign SET batch_ids = ?1, batch_end = ?2 WHERE id = ?3 AND claimed_by"
                        + " = ?4")
                .setParameter(1, batch.ids())
                .setParameter(2, batch.end())
                .setParameter(3, id)
                .setParameter(4, node)
                .executeUpdate();
        return batch;
    }

    // No subscriber after the cursor: a SENDING campaign is done; a paused or cancelled one keeps its state.
    private void finish(long id, String node) {
        em.createNativeQuery("UPDATE outpost_campaign SET state = CASE WHEN state = ?1 THEN ?2 ELSE state END,"
                        + " finished_at = CASE WHEN state = ?1 THEN ?3 ELSE finished_at END, claimed_by = NULL,"
                        + " claimed_until = NULL WHERE id = ?4 AND claimed_by = ?5")
                .setParameter(1, CampaignState.SENDING.name())
                .setParameter(2, CampaignState.SENT.name())
                .setParameter(3, Timestamp.from(clock.instant()))
                .setParameter(4, id)
                .setParameter(5, node)
                .executeUpdate();
    }

    /**
     * After the batch's messages were committed: the cursor moves past it, its messages are the campaign's, the counts
     * grow, and the node lets go of the campaign. Nothing changes if the node no longer holds it at this batch.
     *
     * @param messageIds every message the batch queued, in this run and any earlier one a crash stopped
     * @param refused the batch's subscribers no message was queued for
     */
    public void batchSent(long id, String node, PinnedBatch batch, List<Long> messageIds, int refused) {
        int advanced = em.createNativeQuery("UPDATE outpost_campaign SET cursor_id = ?1, batch_ids = NULL, batch_end ="
                        + " NULL, submitted = submitted + ?2, refused = refused + ?3, last_problem = NULL, claimed_by ="
                        + " NULL, claimed_until = NULL WHERE id = ?4 AND claimed_by = ?5 AND cursor_id = ?6")
                .setParameter(1, batch.end())
                .setParameter(2, messageIds.size())
                .setParameter(3, refused)
                .setParameter(4, id)
                .setParameter(5, node)
                .setParameter(6, batch.after())
                .executeUpdate();
        if (advanced == 0) {
            return;
        }
        for (long messageId : messageIds) {
            em.createNativeQuery("INSERT INTO outpost_campaign_message (campaign_id, message_id) VALUES (?1, ?2)")
                    .setParameter(1, id)
                    .setParameter(2, messageId)
                    .executeUpdate();
        }
    }

    /**
     * The batch could not be sent now (a sending limit, the queue, its key still held by a run a crash stopped): it
     * stays pinned, the campaign says why, and no node takes it again before {@code retryAfter} has passed.
     */
    public void batchHeld(long id, String node, String why, Duration retryAfter) {
        em.createNativeQuery("UPDATE outpost_campaign SET last_problem = ?1, claimed_by = NULL, claimed_until = ?2"
                        + " WHERE id = ?3 AND claimed_by = ?4")
                .setParameter(1, why.length() > 1000 ? why.substring(0, 1000) : why)
                .setParameter(2, Timestamp.from(clock.instant().plus(retryAfter)))
                .setParameter(3, id)
                .setParameter(4, node)
                .executeUpdate();
    }

    private void releaseClaim(long id, String node) {
        em.createNativeQuery("UPDATE outpost_campaign SET claimed_by = NULL, claimed_until = NULL WHERE id = ?1 AND"
                        + " claimed_by = ?2")
                .setParameter(1, id)
                .setParameter(2, node)
                .executeUpdate();
    }

    /** Lets go of every campaign {@code node} holds: at start, for those a stop left claimed. */
    public int releaseClaims(String node) {
        return em.createNativeQuery("UPDATE outpost_campaign SET claimed_by = NULL, claimed_until = NULL WHERE"
                        + " claimed_by = ?1")
                .setParameter(1, node)
                .executeUpdate();
    }

    private StoredCampaign stored(TenantId tenant, long id) throws NoSuchEntryException {
        return em.createQuery(
                        "SELECT c FROM StoredCampaign c WHERE c.id = :id AND c.tenantId = :tenant",
                        StoredCampaign.class)
                .setParameter("id", id)
                .setParameter("tenant", tenant)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NoSuchEntryException("no campaign " + id));
    }

    private Optional<Long> audienceRow(TenantId tenant, AudienceId audience) {
        return em.createNativeQuery("SELECT id FROM outpost_audience WHERE public_id = ?1 AND tenant_id = ?2")
                .setParameter(1, audience.value())
                .setParameter(2, tenant.value())
                .getResultStream()
                .findFirst()
                .map(id -> ((Number) id).longValue());
    }

    // The audience's confirmed subscribers after the cursor, in id order, their place in the list as they come.
    private List<CampaignRecipient> confirmedAfter(TenantId tenant, long audienceRow, long cursor, int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, address, attributes FROM outpost_subscriber WHERE audience_id ="
                        + " ?1 AND tenant_id = ?2 AND state = ?3 AND id > ?4 ORDER BY id")
                .setParameter(1, audienceRow)
                .setParameter(2, tenant.value())
                .setParameter(3, CONFIRMED)
                .setParameter(4, cursor)
                .setMaxResults(limit)
                .getResultList();
        List<CampaignRecipient> subscribers = new ArrayList<>(rows.size());
        for (Object row : rows) {
            subscribers.add(recipient(subscribers.size(), (Object[]) row));
        }
        return subscribers;
    }

    // The pinned subscribers who are confirmed still, each with their place in the batch.
    private List<CampaignRecipient> stillConfirmed(TenantId tenant, long audienceRow, PinnedBatch batch) {
        if (batch.subscriberIds().isEmpty()) {
            return List.of();
        }
        String places = java.util.stream.IntStream.range(
                        0, batch.subscriberIds().size())
                .mapToObj(i -> "?" + (4 + i))
                .collect(Collectors.joining(", "));
        var query = em.createNativeQuery("SELECT id, address, attributes FROM outpost_subscriber WHERE audience_id = ?1"
                + " AND tenant_id = ?2 AND state = ?3 AND id IN (" + places + ")");
        query.setParameter(1, audienceRow).setParameter(2, tenant.value()).setParameter(3, CONFIRMED);
        for (int i = 0; i < batch.subscriberIds().size(); i++) {
            query.setParameter(4 + i, batch.subscriberIds().get(i));
        }
        Map<Long, Object[]> found = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            found.put(((Number) columns[0]).longValue(), columns);
        }
        List<CampaignRecipient> recipients = new ArrayList<>(found.size());
        for (int place = 0; place < batch.subscriberIds().size(); place++) {
            Object[] columns = found.get(batch.subscriberIds().get(place));
            if (columns != null) {
                recipients.add(recipient(place, columns));
            }
        }
        return recipients;
    }

    private static CampaignRecipient recipient(int place, Object[] columns) {
        return new CampaignRecipient(
                place,
                ((Number) columns[0]).longValue(),
                EmailAddress.parse((String) columns[1]),
                attributes(columns[2]));
    }

    private static JsonObject attributes(Object text) {
        if (text == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = CachedJson.createReader(new StringReader((String) text))) {
            return reader.readObject();
        }
    }
}

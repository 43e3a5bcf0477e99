package io.outpost.relay.webhook;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.sending.DomainKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webhook endpoints and their delivery logs ({@code V12__webhooks.sql}). Every tenant-facing method takes the tenant
 * and finds only its endpoints: another tenant's id is as absent as one that never existed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookStore {

    private static final String COLUMNS = "id, url, event_kinds, created_at, cursor_position, failures, failing_since,"
            + " next_attempt_at, disabled_at, disabled_reason";

    private static final int MAX_TEXT = 500;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private DomainKeys keys;

    @Inject
    private RelayConfiguration config;

    /** A new endpoint, and its secret: shown this once, stored only sealed. */
    public record Created(WebhookView webhook, String secret) {}

    /** An endpoint due for sending, claimed by this node, with its secret opened. */
    public record Due(
            long id,
            TenantId tenant,
            URI url,
            Set<EventKind> events,
            String secret,
            long cursor,
            int failures,
            Optional<Instant> failingSince) {}

    /** Registers an endpoint; it is sent the events that happen from now on. */
    public Created create(TenantId tenant, URI url, Set<EventKind> events, Instant now) {
        long id = ((Number) em.createNativeQuery(
                                "postgresql".equalsIgnoreCase(config.databaseKind())
                                        ? "SELECT nextval('outpost_webhook_seq')"
                                        : "SELECT NEXT VALUE FOR outpost_webhook_seq")
                        .getSingleResult())
                .longValue();
        String secret = WebhookSignature.newSecret();
        long head = ((Number) em.createNativeQuery("SELECT last_position FROM outpost_event_feed_head WHERE id = 1")
                        .getSingleResult())
                .longValue();
        em.createNativeQuery("INSERT INTO outpost_webhook (id, tenant_id, url, event_kinds, secret_sealed, created_at,"
                        + " cursor_position, next_attempt_at, failures) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, 0)")
                .setParameter(1, id)
                .setParameter(2, tenant.value())
                .setParameter(3, url.toString())
                .setParameter(4, kinds(events))
                .setParameter(5, keys.dataKey().seal(secret.getBytes(StandardCharsets.UTF_8), context(id)))
                .setParameter(6, Timestamp.from(now))
                .setParameter(7, head)
                .executeUpdate();
        return new Created(find(tenant, id).orElseThrow(), secret);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<WebhookView> list(TenantId tenant) {
        return em
                .createNativeQuery("SELECT " + COLUMNS + " FROM outpost_webhook WHERE tenant_id = ?1 ORDER BY id")
                .setParameter(1, tenant.value())
                .getResultList()
                .stream()
                .map(row -> view((Object[]) row))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<WebhookView> find(TenantId tenant, long id) {
        return em
                .createNativeQuery("SELECT " + COLUMNS + " FROM outpost_webhook WHERE tenant_id = ?1 AND id = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, id)
                .getResultList()
                .stream()
                .map(row -> view((Object[]) row))
                .findFirst();
    }

    /** Removes the endpoint and its log; false if the tenant has no such endpoint. */
    public boolean delete(TenantId tenant, long id) {
        int deleted = em.createNativeQuery("DELETE FROM outpost_webhook WHERE tenant_id = ?1 AND id = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, id)
                .executeUpdate();
        if (deleted > 0) {
            em.createNativeQuery("DELETE FROM outpost_webhook_delivery WHERE webhook_id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
        }
        return deleted > 0;
    }

    /**
     * Sends the endpoint every event after {@code cursor} again (a replay), or skips ahead; it is due at once. A cursor
     * beyond the stream's newest position is refused by the caller, not here.
     */
    public Optional<WebhookView> moveCursor(TenantId tenant, long id, long cursor, Instant now) {
        int moved = em.createNativeQuery("UPDATE outpost_webhook SET cursor_position = ?1, next_attempt_at = ?2,"
                        + " failures = 0, failing_since = NULL, claimed_by = NULL, claimed_until = NULL WHERE"
                        + " tenant_id = ?3 AND id = ?4")
                .setParameter(1, cursor)
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, tenant.value())
                .setParameter(4, id)
                .executeUpdate();
        return moved == 0 ? Optional.empty() : find(tenant, id);
    }

    /** Sends to a disabled endpoint again, from where it stopped. */
    public Optional<WebhookView> enable(TenantId tenant, long id, Instant now) {
        int enabled = em.createNativeQuery("UPDATE outpost_webhook SET disabled_at = NULL, disabled_reason = NULL,"
                        + " failures = 0, failing_since = NULL, next_attempt_at = ?1, claimed_by = NULL,"
                        + " claimed_until = NULL WHERE tenant_id = ?2 AND id = ?3")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, tenant.value())
                .setParameter(3, id)
                .executeUpdate();
        return enabled == 0 ? Optional.empty() : find(tenant, id);
    }

    /** The endpoint's log, newest first; empty if the tenant has no such endpoint. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<List<WebhookDelivery>> deliveries(TenantId tenant, long id, int limit) {
        if (find(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT id, event_id, feed_position, attempted_at, outcome, status_code,"
                        + " detail, duration_ms FROM outpost_webhook_delivery WHERE webhook_id = ?1 ORDER BY id DESC")
                .setParameter(1, id)
                .setMaxResults(limit)
                .getResultList();
        return Optional.of(rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new WebhookDelivery(
                        ((Number) row[0]).longValue(),
                        Optional.ofNullable((Number) row[1]).map(Number::longValue),
                        Optional.ofNullable((Number) row[2]).map(Number::longValue),
                        ((Timestamp) row[3]).toInstant(),
                        WebhookDelivery.Outcome.valueOf((String) row[4]),
                        Optional.ofNullable((Number) row[5]).map(Number::intValue),
                        (String) row[6],
                        Optional.ofNullable((Number) row[7]).map(Number::longValue)))
                .toList());
    }

    /** The newest position of the event stream: where a replay can go back from, and how far a cursor may go. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long streamHead() {
        return ((Number) em.createNativeQuery("SELECT last_position FROM outpost_event_feed_head WHERE id = 1")
                        .getSingleResult())
                .longValue();
    }

    /**
     * Claims up to {@code limit} enabled endpoints due by {@code now} for this node until {@code now + lease}: no other
     * node sends to them meanwhile.
     */
    public List<Due> claimDue(String node, Instant now, Duration lease, int limit) {
        Timestamp at = Timestamp.from(now);
        // Only endpoints the stream has gone past: an idle endpoint costs one indexed comparison a tick, no claim.
        List<?> ids = em.createNativeQuery(
                        "SELECT id FROM outpost_webhook WHERE disabled_at IS NULL AND next_attempt_at"
                                + " <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) AND cursor_position < (SELECT"
                                + " last_position FROM outpost_event_feed_head WHERE id = 1) ORDER BY next_attempt_at")
                .setParameter(1, at)
                .setMaxResults(limit)
                .getResultList();
        List<Due> due = new ArrayList<>();
        for (Object id : ids) {
            long webhook = ((Number) id).longValue();
            int claimed = em.createNativeQuery("UPDATE outpost_webhook SET claimed_by = ?1, claimed_until = ?2 WHERE"
                            + " id = ?3 AND disabled_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?4)")
                    .setParameter(1, node)
                    .setParameter(2, Timestamp.from(now.plus(lease)))
                    .setParameter(3, webhook)
                    .setParameter(4, at)
                    .executeUpdate();
            if (claimed == 1) {
                Object[] row = (Object[]) em.createNativeQuery("SELECT tenant_id, url, event_kinds, secret_sealed,"
                                + " cursor_position, failures, failing_since FROM outpost_webhook WHERE id = ?1")
                        .setParameter(1, webhook)
                        .getSingleResult();
                try {
                    due.add(new Due(
                            webhook,
                            TenantId.of((String) row[0]),
                            URI.create((String) row[1]),
                            kinds((String) row[2]),
                            new String(keys.dataKey().open((String) row[3], context(webhook)), StandardCharsets.UTF_8),
                            ((Number) row[4]).longValue(),
                            ((Number) row[5]).intValue(),
                            Optional.ofNullable((Timestamp) row[6]).map(Timestamp::toInstant)));
                } catch (RuntimeException unusable) {
                    // A secret sealed by another data key, say: this endpoint cannot be sent to, the others can.
                    disable(webhook, node, ((Number) row[4]).longValue(), "cannot be sent to: " + unusable, now);
                }
            }
        }
        return due;
    }

    /** Gives up this node's claims on endpoints: at start, for those a stop left claimed, or for one not sent to. */
    public void release(String node, Optional<Long> id) {
        em.createNativeQuery("UPDATE outpost_webhook SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?1"
                        + id.map(webhook -> " AND id = " + webhook).orElse(""))
                .setParameter(1, node)
                .executeUpdate();
    }

    /** Records one line of the endpoint's log. */
    public void log(long id, long eventId, long position, WebhookSender.Result result, Instant at) {
        // No null parameter: EclipseLink binds a null in a native query as a binary value, which PostgreSQL refuses
        // for an integer column; a missing status is written as the SQL NULL literal instead.
        em.createNativeQuery("INSERT INTO outpost_webhook_delivery (webhook_id, event_id, feed_position, attempted_at,"
                        + " outcome, status_code, detail, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, "
                        + result.status()
                                .map(status -> Integer.toString(status))
                                .orElse("NULL") + ", ?6, ?7)")
                .setParameter(1, id)
                .setParameter(2, eventId)
                .setParameter(3, position)
                .setParameter(4, Timestamp.from(at))
                .setParameter(5, (result.sent() ? WebhookDelivery.Outcome.SENT : WebhookDelivery.Outcome.FAILED).name())
                .setParameter(6, cut(result.detail()))
                .setParameter(7, result.took().toMillis())
                .executeUpdate();
    }

    /**
     * Everything up to {@code cursor} is sent; due again at {@code next}; the claim is released. Only while this node
     * still holds the claim: a replay or an enable meanwhile released it, and wins.
     */
    public void progressed(long id, String node, long cursor, Instant next) {
        em.createNativeQuery("UPDATE outpost_webhook SET cursor_position = ?1, failures = 0, failing_since = NULL,"
                        + " next_attempt_at = ?2, claimed_by = NULL, claimed_until = NULL WHERE id = ?3 AND"
                        + " claimed_by = ?4")
                .setParameter(1, cursor)
                .setParameter(2, Timestamp.from(next))
                .setParameter(3, id)
                .setParameter(4, node)
                .executeUpdate();
    }

    /** An attempt failed after everything up to {@code cursor} was sent: try again at {@code next}. */
    public void failed(long id, String node, long cursor, int failures, Instant failingSince, Instant next) {
        em.createNativeQuery("UPDATE outpost_webhook SET cursor_position = ?1, failures = ?2, failing_since = ?3,"
                        + " next_attempt_at = ?4, claimed_by = NULL, claimed_until = NULL WHERE id = ?5 AND"
                        + " claimed_by = ?6")
                .setParameter(1, cursor)
                .setParameter(2, failures)
                .setParameter(3, Timestamp.from(failingSince))
                .setParameter(4, Timestamp.from(next))
                .setParameter(5, id)
                .setParameter(6, node)
                .executeUpdate();
    }

    /** Gives up on the endpoint, with why, as a line of its log too. */
    public void disable(long id, String node, long cursor, String reason, Instant at) {
        int disabled = em.createNativeQuery(
                        "UPDATE outpost_webhook SET cursor_position = ?1, disabled_at = ?2,"
                                + " disabled_reason = ?3, claimed_by = NULL, claimed_until = NULL WHERE id = ?4 AND claimed_by = ?5")
                .setParameter(1, cursor)
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, cut(reason))
                .setParameter(4, id)
                .setParameter(5, node)
                .executeUpdate();
        if (disabled == 0) {
            return;
        }
        em.createNativeQuery("INSERT INTO outpost_webhook_delivery (webhook_id, attempted_at, outcome, detail) VALUES"
                        + " (?1, ?2, 'DISABLED', ?3)")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, cut(reason))
                .executeUpdate();
    }

    /** Deletes log lines older than {@code before}; how many. */
    public int forgetDeliveriesBefore(Instant before) {
        return em.createNativeQuery("DELETE FROM outpost_webhook_delivery WHERE attempted_at < ?1")
                .setParameter(1, Timestamp.from(before))
                .executeUpdate();
    }

    private static WebhookView view(Object[] row) {
        return new WebhookView(
                ((Number) row[0]).longValue(),
                (String) row[1],
                kinds((String) row[2]),
                ((Timestamp) row[3]).toInstant(),
                ((Number) row[4]).longValue(),
                ((Number) row[5]).intValue(),
                Optional.ofNullable((Timestamp) row[6]).map(Timestamp::toInstant),
                ((Timestamp) row[7]).toInstant(),
                Optional.ofNullable((Timestamp) row[8]).map(Timestamp::toInstant),
                Optional.ofNullable((String) row[9]));
    }

    private static String kinds(Set<EventKind> events) {
        return events.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<EventKind> kinds(String text) {
        return text.isEmpty()
                ? Set.of()
                : Arrays.stream(text.split(","))
                        .map(EventKind::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventKind.class)));
    }

    // The sealing context: a sealed secret copied to another endpoint's row does not open there.
    private static String context(long id) {
        return "webhook:" + id;
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}

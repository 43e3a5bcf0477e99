package io.outpost.relay.privacy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.ListEvent;
import io.outpost.relay.queue.ListEventsOfTransaction;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.suppression.AddressHash;
import io.outpost.relay.suppression.SuppressionChange;
import io.outpost.relay.suppression.SuppressionEntry;
import io.outpost.relay.suppression.SuppressionJson;
import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.suppression.SuppressionTarget;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Outpost holds about one address for one tenant, its controller (GDPR Art. 4(7)): exported whole (Art. 15) or
 * erased (Art. 17). An erasure is one transaction: the address's recipient records and their events, its
 * subscriptions with their proof, its soft-bounce count and the list events that name it go; its suppression entries
 * stay as entries for its hash, so that mail to it is still held. Mail in other tenants' queues is theirs to erase.
 */
@Stateless
public class PersonalData {

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @EJB
    private AudienceStore audiences;

    @EJB
    private SuppressionStore lists;

    @Inject
    private ListEventsOfTransaction events;

    @Inject
    private DomainKeys keys;

    private final Clock clock = Clock.systemUTC();
    private AddressHash hashes;

    @PostConstruct
    void create() {
        hashes = new AddressHash(keys.dataKey().derive(AddressHash.KEY_PURPOSE));
    }

    /**
     * Everything the tenant's records hold about {@code address}: its messages with their events, its suppression
     * entries with their history, its subscriptions with their proof of consent, and its soft-bounce count.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JsonObject export(TenantId tenant, EmailAddress address) {
        AddressRecords records = new AddressRecords(em, tenant, address);
        List<AddressRecords.Row> rows = records.rows();
        SuppressionTarget target = SuppressionTarget.address(address);
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        for (SuppressionEntry entry : lists.entries(Optional.of(tenant), target)) {
            entries.add(SuppressionJson.entry(entry));
        }
        JsonArrayBuilder history = CachedJson.createArrayBuilder();
        for (SuppressionChange change : lists.history(Optional.of(tenant), target)) {
            history.add(SuppressionJson.change(change));
        }
        return CachedJson.createObjectBuilder()
                .add("address", address.toString())
                .add("tenant", tenant.value())
                .add("exportedAt", clock.instant().toString())
                .add("messages", records.export(rows))
                .add("messagesNotListed", Math.max(0, rows.size() - AddressRecords.MAX_EXPORTED))
                .add("suppressions", entries)
                .add("suppressionHistory", history)
                .add(
                        "subscriptions",
                        audiences.everythingHeldAbout(tenant, address).json().getJsonArray("subscriptions"))
                .add("softBounces", softBounces(tenant, target))
                .build();
    }

    /**
     * Erases {@code address} from the tenant's records, recorded as an {@link EventKind#ERASED} event by {@code actor}.
     *
     * @throws StillSending when messages to it still wait in the queue (nothing is erased)
     */
    public Erasure erase(TenantId tenant, EmailAddress address, String actor) throws StillSending {
        AddressRecords records = new AddressRecords(em, tenant, address);
        List<AddressRecords.Row> rows = records.rows();
        int waiting = AddressRecords.waiting(rows);
        if (waiting > 0) {
            throw new StillSending(waiting);
        }
        SuppressionTarget hashed = hashes.of(address);
        int messages = records.delete(rows);
        records.deleteListEvents();
        records.deleteSoftBounces();
        Erasure erasure = new Erasure(
                rows.size(),
                messages,
                audiences.eraseAddress(tenant, address),
                lists.keepAsHash(tenant, SuppressionTarget.address(address), hashed, actor));
        events.record(
                em,
                List.of(new ListEvent(
                        tenant,
                        OptionalLong.empty(),
                        EventKind.ERASED,
                        Optional.of(hashed.value()),
                        "an address erased at its owner's request, by " + actor + ": " + erasure.describe())));
        return erasure;
    }

    private int softBounces(TenantId tenant, SuppressionTarget target) {
        List<?> counts = em.createNativeQuery(
                        "SELECT bounces FROM outpost_soft_bounce WHERE tenant_id = ?1 AND target = ?2")
                .setParameter(1, tenant.value())
                .setParameter(2, target.value().toLowerCase(Locale.ROOT))
                .getResultList();
        return counts.isEmpty() ? 0 : ((Number) counts.get(0)).intValue();
    }
}

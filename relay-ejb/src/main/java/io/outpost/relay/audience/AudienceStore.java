package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.schema.LikePattern;
import io.outpost.relay.schema.UniqueViolation;
import io.outpost.relay.suppression.SuppressionTarget;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audiences, their consent texts and their subscribers with the proof of each consent. Every query names the tenant,
 * and no call reads another tenant's audience or subscriber; only {@link #published} finds an audience by its public
 * id alone, for its hosted form. Each public method is one transaction.
 *
 * <p>A subscription becomes CONFIRMED only when its subscriber follows the link of the confirmation message (or when the
 * tenant imports it with the proof it holds). So that a form cannot be turned into a mail cannon, the confirmation
 * message goes to one address at most once per {@link #RESEND_AFTER}, and to at most {@link #PER_CLIENT_PER_HOUR}
 * addresses asked for from one client IP address in one audience per hour.
 */
@Stateless
public class AudienceStore {

    /** Most subscribers one listing returns. */
    public static final int MAX_PAGE = 1_000;

    /** How long a pending subscriber waits before asking again sends another confirmation message. */
    public static final Duration RESEND_AFTER = Duration.ofMinutes(10);

    /** Addresses an hour that get a confirmation message asked for from one client IP address, per audience. */
    public static final int PER_CLIENT_PER_HOUR = 20;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** What a request to subscribe came to, and what the caller does next. */
    public record Subscribed(Audience audience, Subscriber subscriber, Next next) {}

    /** What follows a request to subscribe. */
    public enum Next {
        /** Queue the confirmation message now, then say so ({@link #confirmationQueued}). */
        SEND_CONFIRMATION,
        /** One went out less than {@link #RESEND_AFTER} ago: nothing is sent. */
        SENT_RECENTLY,
        /** Confirmed already: nothing is sent and nothing changes. */
        CONFIRMED_ALREADY,
        /** Too many subscriptions asked from the client's address in the last hour: nothing is sent or stored. */
        TOO_MANY_FROM_CLIENT
    }

    /** A subscriber with the audience they are on, as the confirmation page shows them. */
    public record Confirmable(Audience audience, Subscriber subscriber) {}

    /** What {@link #importBatch} did: subscribers added, and rows whose address was there already (kept as it was). */
    public record Imported(int added, int existing) {}

    public Audience create(TenantId tenant, AudienceSettings settings) {
        Instant now = clock.instant();
        StoredAudience audience = new StoredAudience(AudienceId.random(), tenant, settings, now);
        em.persist(audience);
        em.flush();
        StoredConsentText first = new StoredConsentText(audience.id(), 1, settings.consent(), now);
        em.persist(first);
        return audience.view(first.view());
    }

    /** The tenant's audiences, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Audience> list(TenantId tenant) {
        return em.createQuery(
                        "SELECT a FROM StoredAudience a WHERE a.tenantId = :tenant ORDER BY a.id", StoredAudience.class)
                .setParameter("tenant", tenant.value())
                .setMaxResults(MAX_PAGE)
                .getResultStream()
                .map(a -> a.view(current(a.id())))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Audience get(TenantId tenant, AudienceId id) throws NoSuchEntryException {
        StoredAudience audience = stored(tenant, id);
        return audience.view(current(audience.id()));
    }

    /** Every consent text the audience has shown, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ConsentText> consentTexts(TenantId tenant, AudienceId id) throws NoSuchEntryException {
        return texts(stored(tenant, id).id()).stream()
                .map(StoredConsentText::view)
                .toList();
    }

    /** Sets what the tenant sets; a consent wording other than the current one becomes the next version. */
    public Audience update(TenantId tenant, AudienceId id, AudienceSettings settings) throws NoSuchEntryException {
        Instant now = clock.instant();
        StoredAudience audience = stored(tenant, id);
        audience.set(settings, now);
        ConsentText consent = current(audience.id());
        if (!consent.wording().equals(settings.consent())) {
            StoredConsentText next =
                    new StoredConsentText(audience.id(), consent.version() + 1, settings.consent(), now);
            em.persist(next);
            consent = next.view();
        }
        return audience.view(consent);
    }

    /** The audience whose hosted form is at {@code id}, whichever tenant's it is: the id is unguessable. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Audience> published(AudienceId id) {
        return em.createQuery("SELECT a FROM StoredAudience a WHERE a.publicId = :id", StoredAudience.class)
                .setParameter("id", id.value())
                .getResultStream()
                .findFirst()
                .map(a -> a.view(current(a.id())));
    }

    /**
     * Asks for a subscription: a new subscriber, a pending one asked again, or one who unsubscribed and asks anew
     * becomes PENDING with this request as its proof. When a confirmation message is to go out, its time is kept now,
     * so that two requests at once send one.
     *
     * @throws NoSuchEntryException when the tenant has no such audience, or the form showed a version it never had
     * @throws ConflictException when another request subscribes the same address at the same moment
     */
    public Subscribed subscribe(TenantId tenant, AudienceId id, SubscribeRequest request)
            throws NoSuchEntryException, ConflictException {
        Instant now = clock.instant();
        StoredAudience audience = stored(tenant, id);
        Audience view = audience.view(current(audience.id()));
        String address = folded(request.address());
        Optional<StoredSubscriber> existing = subscriber(audience.id(), address);
        if (existing.isPresent()) {
            StoredSubscriber subscriber = existing.get();
            if (subscriber.state() == SubscriberState.CONFIRMED) {
                return new Subscribed(view, view(subscriber, id), Next.CONFIRMED_ALREADY);
            }
            if (subscriber.state() == SubscriberState.PENDING
                    && subscriber
                            .confirmationSentAt()
                            .filter(at -> at.plus(RESEND_AFTER).isAfter(now))
                            .isPresent()) {
                return new Subscribed(view, view(subscriber, id), Next.SENT_RECENTLY);
            }
        }
        if (request.origin().address().isPresent()
                && sentFrom(audience.id(), request.origin(), now.minus(Duration.ofHours(1))) >= PER_CLIENT_PER_HOUR) {
            return new Subscribed(
                    view,
                    existing.map(s -> view(s, id)).orElseGet(() -> unsaved(tenant, audience, address, request, id)),
                    Next.TOO_MANY_FROM_CLIENT);
        }
        StoredSubscriber subscriber = existing.orElseGet(() -> new StoredSubscriber(tenant, audience.id(), address));
        subscriber.requested(request, shown(audience.id(), request), now);
        subscriber.sending(now);
        if (existing.isEmpty()) {
            em.persist(subscriber);
        }
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedIn(e)) {
                throw e;
            }
            // Another request subscribed the same address at the same time; this transaction is rolled back.
            throw new ConflictException("address", request.address() + " was subscribed by another request just now");
        }
        return new Subscribed(view, view(subscriber, id), Next.SEND_CONFIRMATION);
    }

    /** The confirmation message of the subscriber is queued as {@code messageId}. */
    public void confirmationQueued(long subscriberId, long messageId) {
        Optional.ofNullable(em.find(StoredSubscriber.class, subscriberId)).ifPresent(s -> s.sent(messageId));
    }

    /** The confirmation message of the subscriber was not queued: asking again may send one at once. */
    public void confirmationNotQueued(long subscriberId) {
        Optional.ofNullable(em.find(StoredSubscriber.class, subscriberId)).ifPresent(StoredSubscriber::notSent);
    }

    /**
     * The subscriber a confirmation link names, while it may still be confirmed (pending, or confirmed already);
     * empty for one removed or unsubscribed since.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Confirmable> confirmable(TenantId tenant, AudienceId id, long subscriberId) {
        return linked(tenant, id, subscriberId)
                .map(found -> new Confirmable(
                        found.audience().view(current(found.audience().id())), view(found.subscriber(), id)));
    }

    /**
     * Confirms the subscription a link names, keeping when and from where (GDPR Art. 7(1)); confirming again changes
     * nothing. Empty for a subscriber removed or unsubscribed since the link was sent.
     */
    public Optional<Confirmable> confirm(TenantId tenant, AudienceId id, long subscriberId, Origin from) {
        Optional<Linked> found = linked(tenant, id, subscriberId);
        found.filter(f -> f.subscriber().state() == SubscriberState.PENDING)
                .ifPresent(f -> f.subscriber().confirmed(from, clock.instant()));
        return found.map(
                f -> new Confirmable(f.audience().view(current(f.audience().id())), view(f.subscriber(), id)));
    }

    /**
     * The audience's subscribers, newest first, in {@code state} when given, whose address contains {@code containing}
     * (any case) when given, after the subscriber {@code after} when given; at most {@code limit}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Subscriber> subscribers(
            TenantId tenant,
            AudienceId id,
            Optional<SubscriberState> state,
            Optional<String> containing,
            Optional<Long> after,
            int limit)
            throws NoSuchEntryException {
        StoredAudience audience = stored(tenant, id);
        StringBuilder jpql = new StringBuilder(
                "SELECT s FROM StoredSubscriber s WHERE s.audienceId = :audience AND s.tenantId = :tenant");
        state.ifPresent(s -> jpql.append(" AND s.state = :state"));
        containing.ifPresent(text -> jpql.append(" AND s.address LIKE :containing ESCAPE '\\'"));
        after.ifPresent(s -> jpql.append(" AND s.id < :after"));
        TypedQuery<StoredSubscriber> query = em.createQuery(
                        jpql.append(" ORDER BY s.id DESC").toString(), StoredSubscriber.class)
                .setParameter("audience", audience.id())
                .setParameter("tenant", tenant.value())
                .setMaxResults(Math.min(limit, MAX_PAGE));
        state.ifPresent(s -> query.setParameter("state", s));
        containing.ifPresent(text -> query.setParameter("containing", LikePattern.containing(text)));
        after.ifPresent(s -> query.setParameter("after", s));
        return query.getResultStream().map(s -> view(s, id)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Subscriber subscriber(TenantId tenant, AudienceId id, EmailAddress address) throws NoSuchEntryException {
        return view(existing(tenant, id, address), id);
    }

    /** Removes the subscriber and the proof of their consent. */
    public void remove(TenantId tenant, AudienceId id, EmailAddress address) throws NoSuchEntryException {
        em.remove(existing(tenant, id, address));
    }

    /** Withdraws the subscriber's consent (GDPR Art. 7(3)); the proof of the earlier consent stays. */
    public Subscriber unsubscribe(TenantId tenant, AudienceId id, EmailAddress address) throws NoSuchEntryException {
        StoredSubscriber subscriber = existing(tenant, id, address);
        if (subscriber.state() != SubscriberState.UNSUBSCRIBED) {
            subscriber.unsubscribed(clock.instant());
        }
        return view(subscriber, id);
    }

    /**
     * Adds a batch of imported subscribers, CONFIRMED on the tenant's proof, in one transaction; an address on the
     * audience already is kept as it is. A batch that meets another request subscribing one of its addresses at the same
     * moment fails whole (a PersistenceException): add its rows one at a time then.
     */
    public Imported importBatch(TenantId tenant, AudienceId id, List<ImportedSubscriber> rows)
            throws NoSuchEntryException {
        Instant now = clock.instant();
        StoredAudience audience = stored(tenant, id);
        ConsentText current = current(audience.id());
        List<String> seen = new ArrayList<>();
        int added = 0;
        for (ImportedSubscriber row : rows) {
            String address = folded(row.address());
            if (seen.contains(address) || subscriber(audience.id(), address).isPresent()) {
                continue;
            }
            seen.add(address);
            StoredSubscriber subscriber = new StoredSubscriber(tenant, audience.id(), address);
            subscriber.imported(
                    row,
                    row.wording()
                            .map(wording -> version(audience.id(), wording)
                                    .orElseGet(() -> new ConsentText(ConsentText.STATED, wording, now)))
                            .orElse(current),
                    now);
            em.persist(subscriber);
            added++;
        }
        em.flush();
        return new Imported(added, rows.size() - added);
    }

    /**
     * Everything this store holds about {@code address} for {@code tenant}, for a data subject's access request (GDPR
     * Art. 15): each audience it is on, with its state, attributes and the whole proof of consent (the consent wording
     * included). Empty subscriptions when there is none.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AddressHoldings everythingHeldAbout(TenantId tenant, EmailAddress address) {
        List<AddressHoldings.Subscription> found = new ArrayList<>();
        for (StoredSubscriber subscriber : ofAddress(tenant, address)) {
            StoredAudience audience = em.find(StoredAudience.class, subscriber.audienceId());
            found.add(new AddressHoldings.Subscription(
                    audience.view(current(audience.id())), view(subscriber, audience.publicId())));
        }
        return new AddressHoldings(address, found);
    }

    /**
     * Erases what this store holds about {@code address} for {@code tenant} (GDPR Art. 17): its subscriber rows in all
     * the tenant's audiences, with their attributes and proofs of consent. Audiences and their consent texts stay: they
     * are the tenant's, not the subscriber's.
     *
     * @return how many subscriber rows were erased
     */
    public int eraseAddress(TenantId tenant, EmailAddress address) {
        List<StoredSubscriber> rows = ofAddress(tenant, address);
        rows.forEach(em::remove);
        return rows.size();
    }

    private List<StoredSubscriber> ofAddress(TenantId tenant, EmailAddress address) {
        return em.createQuery(
                        "SELECT s FROM StoredSubscriber s WHERE s.tenantId = :tenant AND s.address = :address"
                                + " ORDER BY s.id",
                        StoredSubscriber.class)
                .setParameter("tenant", tenant.value())
                .setParameter("address", folded(address))
                .getResultList();
    }

    private record Linked(StoredAudience audience, StoredSubscriber subscriber) {}

    private Optional<Linked> linked(TenantId tenant, AudienceId id, long subscriberId) {
        StoredAudience audience;
        try {
            audience = stored(tenant, id);
        } catch (NoSuchEntryException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(StoredSubscriber.class, subscriberId))
                .filter(s -> s.audienceId() == audience.id())
                .filter(s -> s.state() != SubscriberState.UNSUBSCRIBED)
                .map(s -> new Linked(audience, s));
    }

    // The proof's consent: the version the form showed, the audience's version of the wording an API caller stated (or
    // that wording as it stated it), or the audience's current version.
    private ConsentText shown(long audienceId, SubscribeRequest request) throws NoSuchEntryException {
        if (request.shownVersion().isPresent()) {
            int version = request.shownVersion().getAsInt();
            return texts(audienceId).stream()
                    .map(StoredConsentText::view)
                    .filter(text -> text.version() == version)
                    .findFirst()
                    .orElseThrow(() -> new NoSuchEntryException("no consent text version " + version));
        }
        if (request.statedConsent().isPresent()) {
            String wording = request.statedConsent().get();
            return version(audienceId, wording)
                    .orElseGet(() -> new ConsentText(ConsentText.STATED, wording, clock.instant()));
        }
        return current(audienceId);
    }

    private Optional<ConsentText> version(long audienceId, String wording) {
        return texts(audienceId).stream()
                .map(StoredConsentText::view)
                .filter(text -> text.wording().equals(wording))
                .reduce((older, newer) -> newer);
    }

    private long sentFrom(long audienceId, Origin origin, Instant since) {
        return em.createQuery(
                        "SELECT COUNT(s) FROM StoredSubscriber s WHERE s.audienceId = :audience AND s.requestIp = :ip"
                                + " AND s.confirmationSentAt > :since",
                        Long.class)
                .setParameter("audience", audienceId)
                .setParameter("ip", origin.address().orElseThrow().getHostAddress())
                .setParameter("since", since)
                .getSingleResult();
    }

    // What the answer shows of a subscriber refused before anything was stored.
    private Subscriber unsaved(
            TenantId tenant, StoredAudience audience, String address, SubscribeRequest request, AudienceId id) {
        StoredSubscriber subscriber = new StoredSubscriber(tenant, audience.id(), address);
        subscriber.requested(request, current(audience.id()), clock.instant());
        return subscriber.view(id, Optional.empty());
    }

    private Subscriber view(StoredSubscriber subscriber, AudienceId audience) {
        Optional<ConsentText> version = subscriber.consentVersion().stream()
                .boxed()
                .flatMap(v -> texts(subscriber.audienceId()).stream()
                        .map(StoredConsentText::view)
                        .filter(text -> text.version() == v))
                .findFirst();
        return subscriber.view(audience, version);
    }

    private StoredSubscriber existing(TenantId tenant, AudienceId id, EmailAddress address)
            throws NoSuchEntryException {
        StoredAudience audience = stored(tenant, id);
        return subscriber(audience.id(), folded(address))
                .orElseThrow(() -> new NoSuchEntryException("no subscriber " + address + " on audience " + id));
    }

    private Optional<StoredSubscriber> subscriber(long audienceId, String address) {
        return em.createQuery(
                        "SELECT s FROM StoredSubscriber s WHERE s.audienceId = :audience AND s.address = :address",
                        StoredSubscriber.class)
                .setParameter("audience", audienceId)
                .setParameter("address", address)
                .getResultStream()
                .findFirst();
    }

    private StoredAudience stored(TenantId tenant, AudienceId id) throws NoSuchEntryException {
        return em.createQuery(
                        "SELECT a FROM StoredAudience a WHERE a.publicId = :id AND a.tenantId = :tenant",
                        StoredAudience.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NoSuchEntryException("no audience " + id));
    }

    private ConsentText current(long audienceId) {
        List<StoredConsentText> texts = texts(audienceId);
        return texts.get(texts.size() - 1).view();
    }

    private List<StoredConsentText> texts(long audienceId) {
        return em.createQuery(
                        "SELECT t FROM StoredConsentText t WHERE t.audienceId = :audience ORDER BY t.version",
                        StoredConsentText.class)
                .setParameter("audience", audienceId)
                .getResultList();
    }

    // Folded as the suppression lists fold an address, so that Ann@ and ann@ are one subscriber, and an erasure or an
    // export finds both spellings.
    private static String folded(EmailAddress address) {
        return SuppressionTarget.address(address).value();
    }
}

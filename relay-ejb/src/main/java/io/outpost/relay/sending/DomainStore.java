package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.sending.DomainExpectations.ExpectedDkimKey;
import io.outpost.relay.sending.DomainExpectations.OutboundIdentity;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.Tenant;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.relay.tenant.TenantView;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sending domains and their DKIM selectors: adding and removing them, rotation, and taking in the results of DNS
 * checks. Each public method is one transaction; every change that matters to an owner leaves a {@link DomainEvent}
 * and is announced to CDI observers once committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DomainStore {

    private static final Logger LOG = Logger.getLogger(DomainStore.class.getName());

    private static final DateTimeFormatter SELECTOR_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private TenantStore tenants;

    @Inject
    private DomainKeys keys;

    @Inject
    private RelayConfiguration config;

    @Inject
    private Event<DomainEventView> announcements;

    @Inject
    private Event<SendingDomainChanged> changes;

    private final Clock clock = Clock.systemUTC();

    /** A new tenant with its sending domains, keys generated for each; all or nothing. */
    public TenantView createTenant(TenantId id, String displayName, List<Domain> domains, boolean ed25519)
            throws ConflictException {
        if (tenants.entity(id).isPresent()) {
            throw new ConflictException("id", "tenant " + id + " exists already");
        }
        for (Domain domain : domains) {
            requireFree(domain, Optional.empty());
        }
        TenantView tenant = tenants.createTenant(id, displayName);
        Tenant owner = tenants.entity(id).orElseThrow();
        for (Domain domain : new LinkedHashSet<>(domains)) {
            add(owner, domain, Optional.empty(), ed25519);
        }
        return tenant;
    }

    /**
     * Adds a sending domain with a new RSA key (and Ed25519 key if asked) active at once: signing starts as soon as
     * the owner has published the records (or at once, if the operator does not require DKIM to verify first).
     *
     * @param returnPath the return-path domain, by default {@code <label>.<domain>}
     * @throws ConflictException if the domain belongs to a tenant already (this one or another: the answer is the same,
     *     so no tenant learns another's domains)
     */
    public SendingDomainView addDomain(TenantId id, Domain domain, Optional<Domain> returnPath, boolean ed25519)
            throws NoSuchEntryException, ConflictException {
        Tenant owner = tenants.entity(id).orElseThrow(() -> new NoSuchEntryException("no tenant " + id));
        return view(add(owner, domain, returnPath, ed25519));
    }

    public void removeDomain(TenantId id, Domain domain) throws NoSuchEntryException {
        SendingDomain sending = require(id, domain);
        event(DomainEvent.keys(sending, clock.instant(), DomainEvent.Kind.DOMAIN_REMOVED, domain.name(), "removed"));
        em.remove(sending);
    }

    /** Makes the tenant's sending domains exactly {@code domains}: new ones are added, missing ones removed. */
    public List<Domain> replaceDomains(TenantId id, List<Domain> domains, boolean ed25519)
            throws NoSuchEntryException, ConflictException {
        Tenant owner = tenants.entity(id).orElseThrow(() -> new NoSuchEntryException("no tenant " + id));
        Set<Domain> wanted = new LinkedHashSet<>(domains);
        // Every conflict before the first write: a refused list must leave the tenant's domains (and keys) as they
        // were.
        Set<Domain> owned = new HashSet<>(
                domainsOf(owner).stream().map(SendingDomain::domain).toList());
        for (Domain domain : wanted) {
            if (!owned.contains(domain)) {
                requireFree(domain, Optional.of(owner));
            }
        }
        for (SendingDomain existing : domainsOf(owner)) {
            if (!wanted.remove(existing.domain())) {
                removeDomain(id, existing.domain());
            }
        }
        for (Domain domain : wanted) {
            add(owner, domain, Optional.empty(), ed25519);
        }
        return domainsOf(owner).stream().map(SendingDomain::domain).toList();
    }

    /** The tenant's sending domain names, or empty if there is no such tenant. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<List<Domain>> domainNames(TenantId id) {
        return tenants.entity(id)
                .map(owner ->
                        domainsOf(owner).stream().map(SendingDomain::domain).toList());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SendingDomainView> domains(TenantId id) throws NoSuchEntryException {
        Tenant owner = tenants.entity(id).orElseThrow(() -> new NoSuchEntryException("no tenant " + id));
        return domainsOf(owner).stream().map(this::view).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public SendingDomainView domain(TenantId id, Domain domain) throws NoSuchEntryException {
        return view(require(id, domain));
    }

    /** The domain's events, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DomainEventView> events(TenantId id, Domain domain, int limit) throws NoSuchEntryException {
        require(id, domain);
        return em
                .createQuery(
                        "SELECT e FROM DomainEvent e WHERE e.tenant = :tenant AND e.domain = :domain"
                                + " ORDER BY e.at DESC, e.id DESC",
                        DomainEvent.class)
                .setParameter("tenant", id)
                .setParameter("domain", domain)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(DomainEvent::view)
                .toList();
    }

    /**
     * Gives the domain a name of its own for its tracked links ({@code click.shop.example}), or takes it away: a strict
     * subdomain of the domain (a CNAME cannot sit beside the domain's own MX and TXT records, RFC 1034 §3.6.2). It is
     * used once its CNAME to Outpost's tracking host is checked; the next check looks it up.
     *
     * @throws IllegalArgumentException for a host that is not a subdomain of the domain
     */
    public SendingDomainView trackingHost(TenantId id, Domain domain, Optional<Domain> host)
            throws NoSuchEntryException {
        SendingDomain sending = require(id, domain);
        if (host.isPresent() && !host.get().ascii().endsWith("." + domain.ascii())) {
            throw new IllegalArgumentException(
                    "must be a name under " + domain.ascii() + ", such as click." + domain.ascii());
        }
        sending.trackingHost(host);
        // Checked again at the next round: until then the domain's links use the relay's own tracking host.
        sending.markUnchecked();
        changes.fire(new SendingDomainChanged(sending.domain()));
        return view(sending);
    }

    /**
     * Starts a key rotation: a new selector per algorithm in use, to be published; the checks make it active once it
     * verifies and retire the current one after the overlap.
     *
     * @throws ConflictException if a rotation is already waiting for its records
     */
    public SendingDomainView rotate(TenantId id, Domain domain) throws NoSuchEntryException, ConflictException {
        SendingDomain sending = require(id, domain);
        if (!sending.selectors(SelectorState.PENDING).isEmpty()) {
            throw new ConflictException(
                    "domain", "a rotation of " + domain + " is waiting for its DKIM records to be published");
        }
        Instant now = clock.instant();
        for (DkimSelector active : sending.selectors(SelectorState.ACTIVE)) {
            DkimSelector next = newSelector(sending, active.algorithm(), SelectorState.PENDING, now);
            event(DomainEvent.keys(
                    sending,
                    now,
                    DomainEvent.Kind.ROTATION_STARTED,
                    next.selector(),
                    "publish " + next.selector() + "._domainkey." + domain.ascii() + " to replace "
                            + active.selector()));
        }
        return view(sending);
    }

    /** Ids of the domains whose last check is older than {@code before} (or never happened), oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> dueForCheck(Instant before, int limit) {
        return em.createQuery(
                        "SELECT d.id FROM SendingDomain d WHERE d.checkedAt IS NULL OR d.checkedAt < :before"
                                // New domains first: PostgreSQL would sort never-checked ones last.
                                + " ORDER BY d.checkedAt ASC NULLS FIRST",
                        Long.class)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Every tenant's sending domains, for the blocklist watch. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Domain> allDomainNames() {
        return em.createQuery("SELECT d.domain FROM SendingDomain d ORDER BY d.id", Domain.class)
                .getResultList();
    }

    /** The ids of the data keys that sealed the stored DKIM private keys (see {@code DataKey#id}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> sealingKeyIds() {
        // The sealed form is "v1.<8-character key id>.<ciphertext>".
        return em.createQuery(
                        "SELECT DISTINCT SUBSTRING(s.sealedPrivateKey, 4, 8) FROM DkimSelector s"
                                + " WHERE s.sealedPrivateKey IS NOT NULL",
                        String.class)
                .getResultList();
    }

    /** What DNS should hold for the domain, for a check; empty if it was removed meanwhile. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<DomainExpectations> expectations(long domainId) {
        return Optional.ofNullable(em.find(SendingDomain.class, domainId)).map(this::expectations);
    }

    /** The id of a tenant's domain, for a check on demand. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    /** Deletes one batch of events older than {@code retention} keeps them; how many, fewer than a batch at the end. */
    public int deleteOldEvents(DomainEventRetention retention) {
        return retention.deleteOld(em, clock.instant());
    }

    public long id(TenantId id, Domain domain) throws NoSuchEntryException {
        return require(id, domain).id();
    }

    /**
     * Takes in a check: stores each record's result, records status changes as events, activates pending selectors
     * whose records verified (retiring the ones they replace after the overlap) and retires selectors whose overlap
     * has ended.
     */
    public Optional<SendingDomainView> recordCheck(long domainId, VerificationReport report) {
        SendingDomain sending = em.find(SendingDomain.class, domainId);
        if (sending == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (RecordCheck check : report.checks()) {
            Optional<StoredRecordCheck> stored = sending.check(check.kind(), check.name());
            if (stored.isEmpty()) {
                sending.add(new StoredRecordCheck(sending, check, now));
                event(DomainEvent.recordStatus(sending, now, check, Optional.empty()));
            } else {
                CheckStatus before = stored.get().status();
                if (stored.get().update(check, now)) {
                    event(DomainEvent.recordStatus(sending, now, check, Optional.of(before)));
                }
            }
        }
        sending.keepChecksOf(report.checks());
        boolean dmarcAnswered = report.checks().stream()
                .filter(c -> c.kind() == RecordKind.DMARC)
                .noneMatch(c -> c.status() == CheckStatus.UNKNOWN);
        if (dmarcAnswered) {
            sending.checked(now, report.dmarc().map(p -> p.record()));
        } else {
            // DNS did not answer for _dmarc: keep the alignment modes last seen, as the DMARC check keeps its status.
            sending.checked(now);
        }
        new SelectorLifecycle(overlap())
                .advance(sending, report::dkimVerified, now)
                .forEach(this::event);
        // Alignment modes and return-path readiness can change without any record changing status.
        changes.fire(new SendingDomainChanged(sending.domain()));
        return Optional.of(view(sending));
    }

    /** The domain's signing keys and DNS state for intake, if {@code domain} is a sending domain. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SigningProfile> signingProfile(Domain domain) {
        return em.createQuery("SELECT d FROM SendingDomain d WHERE d.domain = :domain", SendingDomain.class)
                .setParameter("domain", domain)
                .getResultStream()
                .findFirst()
                .map(this::profile);
    }

    // The host of the tracking base URL, if it is a name a CNAME can point at (not an address).
    private Optional<Domain> trackingTarget() {
        try {
            String host = URI.create(config.trackingBaseUrl()).getHost();
            return host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':' || c == '[' || c == ']')
                    ? Optional.empty()
                    : Optional.of(Domain.of(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private SigningProfile profile(SendingDomain sending) {
        List<DkimKey> signing = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        boolean undetermined = true;
        // RSA first: verifiers that check only the topmost signature, or know no Ed25519, see the RSA one (RFC 8463
        // §4).
        List<DkimSelector> active = new ArrayList<>(sending.selectors(SelectorState.ACTIVE));
        active.sort((a, b) -> a.algorithm().compareTo(b.algorithm()));
        for (DkimSelector selector : active) {
            selector.sealedPrivateKey()
                    .ifPresent(sealedKey -> signing.add(
                            keys.open(sending.domain(), selector.selector(), selector.algorithm(), sealedKey)));
            String name = dkimName(sending, selector);
            if (!found(sending, RecordKind.DKIM, name)) {
                unverified.add(name + " (" + status(sending, RecordKind.DKIM, name) + ")");
                undetermined &= sending.check(RecordKind.DKIM, name)
                        .map(c -> c.status() == CheckStatus.UNKNOWN)
                        .orElse(true);
            }
        }
        return new SigningProfile(
                sending.tenant().tenantId(),
                sending.domain(),
                signing,
                unverified,
                undetermined,
                found(
                                sending,
                                RecordKind.RETURN_PATH_MX,
                                sending.returnPathDomain().ascii())
                        ? Optional.of(sending.returnPathDomain())
                        : Optional.empty(),
                found(sending, RecordKind.SPF, sending.domain().ascii()),
                found(
                        sending,
                        RecordKind.RETURN_PATH_SPF,
                        sending.returnPathDomain().ascii()),
                sending.dmarcDkimAlignment(),
                sending.dmarcSpfAlignment(),
                sending.trackingHost().filter(host -> found(sending, RecordKind.TRACKING, host.ascii())));
    }

    /**
     * How long a replaced selector stays published: the configured overlap, but never less than a message may wait
     * in the queue, since it was signed when accepted and must still verify on its last attempt.
     */
    private Duration overlap() {
        Duration configured = config.dkimRotationOverlap();
        Duration lifetime = config.retryLifetime();
        return configured.compareTo(lifetime) >= 0 ? configured : lifetime;
    }

    private SendingDomain add(Tenant owner, Domain domain, Optional<Domain> returnPath, boolean ed25519)
            throws ConflictException {
        SendingDomainNames.check(domain);
        try {
            requireFree(domain, Optional.of(owner));
        } catch (ConflictException e) {
            // ConflictException does not roll back by itself: whatever this transaction wrote before must not stay.
            context.setRollbackOnly();
            throw e;
        }
        Domain bounces = returnPath.orElseGet(() -> Domain.of(config.domainsReturnPathLabel() + "." + domain.name()));
        Instant now = clock.instant();
        SendingDomain sending = new SendingDomain(owner, domain, bounces, now);
        em.persist(sending);
        newSelector(sending, DkimKey.Algorithm.RSA_SHA256, SelectorState.ACTIVE, now);
        if (ed25519) {
            newSelector(sending, DkimKey.Algorithm.ED25519_SHA256, SelectorState.ACTIVE, now);
        }
        event(DomainEvent.keys(sending, now, DomainEvent.Kind.DOMAIN_ADDED, domain.name(), "added"));
        LOG.info(() -> "sending domain " + domain + " added for tenant " + owner.tenantId());
        return sending;
    }

    private DkimSelector newSelector(
            SendingDomain sending, DkimKey.Algorithm algorithm, SelectorState state, Instant now) {
        String name = freeSelectorName(sending, algorithm, now);
        DomainKeys.Generated generated = keys.generate(sending.domain(), name, algorithm);
        DkimSelector selector = new DkimSelector(
                sending, name, algorithm, state, generated.sealedPrivateKey(), generated.publicRecord(), now);
        sending.add(selector);
        em.persist(selector);
        return selector;
    }

    /** {@code op20261128r} (RSA) or {@code op20261128e} (Ed25519), with {@code -2}, {@code -3}… on a second rotation that day. */
    private static String freeSelectorName(SendingDomain sending, DkimKey.Algorithm algorithm, Instant now) {
        String base = "op" + LocalDate.ofInstant(now, ZoneOffset.UTC).format(SELECTOR_DATE)
                + (algorithm == DkimKey.Algorithm.RSA_SHA256 ? "r" : "e");
        String name = base;
        for (int n = 2; taken(sending, name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static boolean taken(SendingDomain sending, String selector) {
        return sending.selectors().stream().anyMatch(s -> s.selector().equals(selector));
    }

    private DomainExpectations expectations(SendingDomain sending) {
        List<ExpectedDkimKey> dkim = sending.selectors().stream()
                .filter(s -> s.state().published())
                .map(s -> new ExpectedDkimKey(s.selector(), s.algorithm(), s.publicRecord()))
                .toList();
        return new DomainExpectations(
                sending.domain(),
                dkim,
                sending.returnPathDomain(),
                new OutboundIdentity(
                        config.domainsOutboundAddresses(),
                        config.domainsSpfInclude(),
                        config.domainsBounceMxHost(),
                        trackingTarget()),
                sending.trackingHost());
    }

    private SendingDomainView view(SendingDomain sending) {
        DomainExpectations expected = expectations(sending);
        List<PublishedRecord> records = RecordsToPublish.of(expected);
        List<SendingDomainView.CheckView> checks = new ArrayList<>();
        for (PublishedRecord record : records) {
            sending.check(record.kind(), record.name())
                    .ifPresent(c ->
                            checks.add(new SendingDomainView.CheckView(c.check(), c.checkedAt(), c.statusSince())));
        }
        boolean ready = sending.selectors(SelectorState.ACTIVE).stream()
                .allMatch(s -> found(sending, RecordKind.DKIM, dkimName(sending, s)));
        return new SendingDomainView(
                sending.tenant().tenantId(),
                sending.domain(),
                sending.returnPathDomain(),
                sending.createdAt(),
                sending.checkedAt(),
                sending.selectors().stream().map(DkimSelector::view).toList(),
                records,
                checks,
                ready,
                sending.trackingHost());
    }

    private static String dkimName(SendingDomain sending, DkimSelector selector) {
        return selector.selector() + "._domainkey." + sending.domain().ascii();
    }

    private static boolean found(SendingDomain sending, RecordKind kind, String name) {
        return sending.check(kind, name)
                .map(c -> c.status() == CheckStatus.FOUND)
                .orElse(false);
    }

    private static String status(SendingDomain sending, RecordKind kind, String name) {
        return sending.check(kind, name).map(c -> c.status().name()).orElse("not checked yet");
    }

    private List<SendingDomain> domainsOf(Tenant owner) {
        return em.createQuery(
                        "SELECT d FROM SendingDomain d WHERE d.tenant = :tenant ORDER BY d.domain", SendingDomain.class)
                .setParameter("tenant", owner)
                .getResultList();
    }

    /**
     * Refuses a domain that is a sending domain already, or lies inside or around another tenant's: one tenant adding
     * {@code news.example.com} must not take over mail that {@code example.com}'s owner sends from it.
     *
     * @param owner the tenant adding it, whose own domains may nest; empty for a tenant not created yet
     */
    private void requireFree(Domain domain, Optional<Tenant> owner) throws ConflictException {
        String name = domain.ascii();
        for (SendingDomain existing : em.createQuery("SELECT d FROM SendingDomain d", SendingDomain.class)
                .getResultList()) {
            String other = existing.domain().ascii();
            if (other.equals(name)) {
                throw new ConflictException("domain", "domain " + domain + " is already a sending domain");
            }
            boolean nested = name.endsWith("." + other) || other.endsWith("." + name);
            boolean sameOwner = owner.filter(
                            o -> o.tenantId().equals(existing.tenant().tenantId()))
                    .isPresent();
            if (nested && !sameOwner) {
                throw new ConflictException(
                        "domain", "domain " + domain + " overlaps a sending domain of another tenant");
            }
        }
    }

    private Optional<SendingDomain> find(Domain domain) {
        return em.createQuery("SELECT d FROM SendingDomain d WHERE d.domain = :domain", SendingDomain.class)
                .setParameter("domain", domain)
                .getResultStream()
                .findFirst();
    }

    /** The tenant's domain; another tenant's domain is reported exactly like a missing one. */
    private SendingDomain require(TenantId id, Domain domain) throws NoSuchEntryException {
        return find(domain)
                .filter(d -> d.tenant().tenantId().equals(id))
                .orElseThrow(() -> new NoSuchEntryException("tenant " + id + " has no sending domain " + domain));
    }

    private void event(DomainEvent event) {
        em.persist(event);
        DomainEventView view = event.view();
        LOG.info(() -> "domain event: " + view.domain() + " " + view.kind() + " " + view.subject()
                + view.status()
                        .map(s ->
                                " " + view.previousStatus().map(p -> p + " -> ").orElse("") + s)
                        .orElse("")
                + ": " + view.detail());
        announcements.fire(view);
        changes.fire(new SendingDomainChanged(view.domain()));
    }
}

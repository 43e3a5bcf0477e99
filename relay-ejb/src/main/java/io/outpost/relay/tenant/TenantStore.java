package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.tracking.TrackingOptions;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tenants, their SMTP credentials and API keys, and the admin accounts: each public method is one transaction.
 * Secrets are generated and hashed here and leave only inside a {@link NewSecret}; nothing here logs them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class TenantStore {

    /** Random bytes of a generated user name's or key id's suffix. */
    private static final int NAME_SUFFIX_BYTES = 6;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    @Inject
    private Event<SecretRevoked> revocations;

    private final Clock clock = Clock.systemUTC();

    public TenantView createTenant(TenantId id, String displayName) throws ConflictException {
        if (find(id).isPresent()) {
            throw new ConflictException("id", "tenant " + id + " exists already");
        }
        Tenant tenant = new Tenant(id, displayName, clock.instant());
        em.persist(tenant);
        return tenant.view();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TenantView> tenants() {
        return em.createQuery("SELECT t FROM Tenant t ORDER BY t.tenantId", Tenant.class).getResultList().stream()
                .map(Tenant::view)
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TenantView tenant(TenantId id) throws NoSuchEntryException {
        return require(id).view();
    }

    /** Turns the sandbox on or off for the tenant's messages; each node sees the change within {@code Sandbox.TTL}. */
    public TenantView capture(TenantId id, boolean capture) throws NoSuchEntryException {
        Tenant tenant = require(id);
        tenant.capture(capture);
        return tenant.view();
    }

    /** Sets the stream the tenant's messages go on when neither they nor their credential name one. */
    public TenantView defaultStream(TenantId id, MessageStream stream) throws NoSuchEntryException {
        Tenant tenant = require(id);
        tenant.defaultStream(stream);
        return tenant.view();
    }

    /**
     * The stream a message sent with this API key goes on when it names none: the key's default, else its tenant's;
     * transactional for an unknown key (which sends nothing).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MessageStream streamOfApiKey(String keyId) {
        return apiKey(keyId)
                .map(key -> key.defaultStream().orElse(key.tenant().defaultStream()))
                .orElse(MessageStream.TRANSACTIONAL);
    }

    /**
     * The stream a message an SMTP client submitted as {@code sender} goes on when its header names none: the stored
     * credential's default, else its tenant's (also for a plugin's user or a trusted network, which the store does not
     * keep).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MessageStream streamOfSender(Identity sender) {
        Optional<MessageStream> own = findCredential(sender.username())
                .filter(c -> c.tenant().tenantId().equals(sender.tenant()))
                .flatMap(SmtpCredential::defaultStream);
        return own.orElseGet(
                () -> find(sender.tenant()).map(Tenant::defaultStream).orElse(MessageStream.TRANSACTIONAL));
    }

    /** Sets what the tenant's messages on {@code stream} track when they do not say. */
    public TenantView tracking(TenantId id, MessageStream stream, TrackingOptions options) throws NoSuchEntryException {
        Tenant tenant = require(id);
        tenant.tracking(stream, options);
        return tenant.view();
    }

    /** What the tenant's messages on {@code stream} track when they do not say; the default for an unknown tenant. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TrackingOptions trackingOf(TenantId id, MessageStream stream) {
        return find(id).map(tenant -> tenant.tracking(stream)).orElse(TrackingOptions.defaultFor(stream));
    }

    /** Sets whether the tenant's recipients on a suppression list are refused at RCPT. */
    public TenantView refuseSuppressedAtRcpt(TenantId id, boolean refuse) throws NoSuchEntryException {
        Tenant tenant = require(id);
        tenant.refuseSuppressedAtRcpt(refuse);
        return tenant.view();
    }

    /** True if the tenant exists and refuses its suppressed recipients at RCPT. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean refusesSuppressedAtRcpt(TenantId id) {
        return find(id).map(Tenant::refuseSuppressedAtRcpt).orElse(false);
    }

    /** True if the tenant exists and its messages are captured. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean captures(TenantId id) {
        return find(id).map(Tenant::capture).orElse(false);
    }

    /** The tenant itself, for entities that belong to it; in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Tenant> entity(TenantId id) {
        return find(id);
    }

    /**
     * A new SMTP credential with a generated password; {@code username} empty generates one from the tenant id.
     *
     * @throws ConflictException if the user name is taken, by any tenant
     */
    public NewSecret<CredentialView> createCredential(
            TenantId id, Optional<CredentialId> username, CredentialLimits limits, Optional<MessageStream> stream)
            throws NoSuchEntryException, ConflictException {
        Tenant tenant = require(id);
        String name = username.map(CredentialId::value)
                .orElseGet(() -> id.value() + "-" + secrets.randomText(NAME_SUFFIX_BYTES));
        if (findCredential(name).isPresent()) {
            throw new ConflictException("username", "user name " + name + " is taken");
        }
        String password = secrets.generate();
        SmtpCredential credential =
                new SmtpCredential(tenant, name, secrets.hash(password.toCharArray()), clock.instant(), limits);
        credential.defaultStream(stream);
        em.persist(credential);
        return new NewSecret<>(credential.view(), password);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<CredentialView> credentials(TenantId id) throws NoSuchEntryException {
        Tenant tenant = require(id);
        return em
                .createQuery(
                        "SELECT c FROM SmtpCredential c WHERE c.tenant = :tenant ORDER BY c.username",
                        SmtpCredential.class)
                .setParameter("tenant", tenant)
                .getResultList()
                .stream()
                .map(SmtpCredential::view)
                .toList();
    }

    public CredentialView revokeCredential(TenantId id, String username) throws NoSuchEntryException {
        SmtpCredential credential = findCredential(username)
                .filter(c -> c.tenant().tenantId().equals(id))
                .orElseThrow(() -> new NoSuchEntryException("tenant " + id + " has no SMTP user " + username));
        credential.revoke(clock.instant());
        revocations.fire(new SecretRevoked.Credential(credential.username()));
        return credential.view();
    }

    /** The SMTP credential of this user name, revoked or not; for {@link CredentialStates}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CredentialView> credential(String username) {
        return findCredential(username).map(SmtpCredential::view);
    }

    /** The credential AUTH may accept: not revoked. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredCredential> activeCredential(String username) {
        return findCredential(username)
                .filter(c -> !c.revoked())
                .map(c -> new StoredCredential(c.tenant().tenantId(), c.username(), c.passwordHash(), c.limits()));
    }

    /** Records a successful AUTH, off the session's thread: AUTH does not wait for this write. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordCredentialUse(String username, Instant at) {
        findCredential(username).ifPresent(c -> c.markUsed(at));
    }

    public NewSecret<ApiKeyView> createApiKey(TenantId id, CredentialLimits limits, Optional<MessageStream> stream)
            throws NoSuchEntryException {
        Tenant tenant = require(id);
        String keyId = "op_" + secrets.randomText(NAME_SUFFIX_BYTES * 2);
        String secret = secrets.generate();
        ApiKey key = new ApiKey(tenant, keyId, secrets.hash(secret.toCharArray()), clock.instant(), limits);
        key.defaultStream(stream);
        em.persist(key);
        // The key a client presents: the public id, a dot, the secret.
        return new NewSecret<>(key.view(), keyId + "." + secret);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ApiKeyView> apiKeys(TenantId id) throws NoSuchEntryException {
        Tenant tenant = require(id);
        return em
                .createQuery("SELECT k FROM ApiKey k WHERE k.tenant = :tenant ORDER BY k.createdAt", ApiKey.class)
                .setParameter("tenant", tenant)
                .getResultList()
                .stream()
                .map(ApiKey::view)
                .toList();
    }

    public ApiKeyView revokeApiKey(TenantId id, String keyId) throws NoSuchEntryException {
        Tenant tenant = require(id);
        ApiKey key = em.createQuery(
                        "SELECT k FROM ApiKey k WHERE k.tenant = :tenant AND k.keyId = :keyId", ApiKey.class)
                .setParameter("tenant", tenant)
                .setParameter("keyId", keyId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NoSuchEntryException("tenant " + id + " has no API key " + keyId));
        key.revoke(clock.instant());
        revocations.fire(new SecretRevoked.ApiKey(keyId));
        return key.view();
    }

    /** The stored password hash of an admin account. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> adminPasswordHash(String username) {
        return Optional.ofNullable(em.find(AdminAccount.class, username)).map(AdminAccount::passwordHash);
    }

    /** Creates the admin account unless one of that name exists; true if created. */
    public boolean createAdminIfAbsent(String username, char[] password) {
        if (em.find(AdminAccount.class, username) != null) {
            return false;
        }
        em.persist(new AdminAccount(username, secrets.hash(password), clock.instant()));
        return true;
    }

    /** Creates the SMTP credential with the given password unless the user name exists; true if created. */
    public boolean createCredentialIfAbsent(TenantId id, CredentialId username, char[] password)
            throws NoSuchEntryException {
        Tenant tenant = require(id);
        if (findCredential(username.value()).isPresent()) {
            return false;
        }
        em.persist(new SmtpCredential(
                tenant, username.value(), secrets.hash(password), clock.instant(), CredentialLimits.UNLIMITED));
        Arrays.fill(password, '\0');
        return true;
    }

    private Optional<Tenant> find(TenantId id) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.tenantId = :id", Tenant.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    private Tenant require(TenantId id) throws NoSuchEntryException {
        return find(id).orElseThrow(() -> new NoSuchEntryException("no tenant " + id));
    }

    private Optional<SmtpCredential> findCredential(String username) {
        return em.createQuery("SELECT c FROM SmtpCredential c WHERE c.username = :username", SmtpCredential.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /**
     * The tenant whose active API key {@code presented} ({@code keyId.secret}) is, or empty for a malformed, unknown,
     * revoked or wrong key. An unknown or revoked key id costs one dummy verification, as a known one does, so timing
     * does not tell which key ids exist. The caller records a match with {@link #recordApiKeyUse} (through this bean's
     * proxy, so that the write is asynchronous), as AUTH does with {@link #recordCredentialUse}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<TenantId> tenantOfApiKey(String presented) {
        Optional<PresentedApiKey> parsed = PresentedApiKey.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        char[] secret = parsed.get().secret().toCharArray();
        Optional<ApiKey> key = apiKey(parsed.get().keyId()).filter(k -> !k.revoked());
        boolean valid =
                key.isPresent() ? secrets.verify(secret, key.get().secretHash()) : secrets.verifyUnknown(secret);
        return valid ? Optional.of(key.get().tenant().tenantId()) : Optional.empty();
    }

    /** Whether the API key may send, and within which limits; an unknown key is inactive. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public CredentialState apiKeyState(String keyId) {
        return apiKey(keyId)
                .filter(k -> !k.revoked())
                .<CredentialState>map(k -> new CredentialState.Active(k.limits()))
                .orElseGet(CredentialState.Inactive::new);
    }

    /** Records a successful use of an API key, off the request's thread: the request does not wait for this write. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordApiKeyUse(String keyId, Instant at) {
        apiKey(keyId).ifPresent(k -> k.markUsed(at));
    }

    private Optional<ApiKey> apiKey(String keyId) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyId = :keyId", ApiKey.class)
                .setParameter("keyId", keyId)
                .getResultStream()
                .findFirst();
    }
}

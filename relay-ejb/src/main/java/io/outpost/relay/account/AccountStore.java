package io.outpost.relay.account;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.schema.UniqueViolation;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.Secrets;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tenants' user accounts and their sessions. Tokens (an invitation's, a session's) are random, shown once, and
 * stored as their SHA-256: a copy of the tables lets nobody in. Every call about a tenant's users names the tenant.
 * Each public method is one transaction.
 */
@Stateless
public class AccountStore {

    /** How long an invitation can be accepted. */
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    /** How long a session lasts, however busy: a stolen cookie is worth a working day at most. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** Shortest password a user may choose (NIST SP 800-63B §5.1.1.2 asks at least 8; we ask more). */
    public static final int MIN_PASSWORD = 12;

    /** Longest password: PBKDF2 hashes all of it, so no one sends a megabyte to burn CPU. */
    public static final int MAX_PASSWORD = 200;

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    private final Clock clock = Clock.systemUTC();

    /**
     * Invites {@code email} to sign in for {@code tenant} with {@code role}. An invitation that ran out unaccepted is
     * replaced.
     *
     * @throws ConflictException naming {@code email} when the tenant has a user of that address already
     */
    public Invitation invite(TenantId tenant, EmailAddress email, UserRole role, String invitedBy)
            throws ConflictException {
        Instant now = clock.instant();
        Optional<StoredTenantUser> existing = stored(tenant, email);
        if (existing.isPresent()
                && (existing.get().passwordHash().isPresent() || existing.get().invitationHolds(now))) {
            throw new ConflictException("email", email + " is a user of this tenant already");
        }
        existing.ifPresent(expired -> {
            em.remove(expired);
            em.flush();
        });
        String token = secrets.generate();
        StoredTenantUser user = new StoredTenantUser(
                tenant, folded(email), role, hash(token), now.plus(INVITATION_LIFETIME), invitedBy, now);
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolation.causedIn(e)) {
                throw new ConflictException("email", email + " was invited by another request at the same time");
            }
            throw e;
        }
        return new Invitation(user.view(), token, now.plus(INVITATION_LIFETIME));
    }

    /** What is wrong with {@code password} as a user's new one, if anything. */
    public static Optional<String> passwordProblem(char[] password) {
        return password.length < MIN_PASSWORD || password.length > MAX_PASSWORD
                ? Optional.of("a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters")
                : Optional.empty();
    }

    /**
     * Accepts an invitation: the user's password is set and the invitation used up. Empty for a token that is unknown,
     * used or expired, and for a password {@link #passwordProblem} refuses (the caller checks it first, to say why).
     */
    public Optional<TenantUser> accept(String token, char[] password) {
        if (passwordProblem(password).isPresent()) {
            return Optional.empty();
        }
        String invitation = hash(token);
        List<?> found = em.createNativeQuery("SELECT id FROM outpost_tenant_user WHERE invitation_hash = ?1")
                .setParameter(1, invitation)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // One statement uses the invitation up: of two acceptances at the same moment, one changes the row.
        int accepted = em.createNativeQuery("UPDATE outpost_tenant_user SET password_hash = ?1, invitation_hash = NULL,"
                        + " invitation_expires_at = NULL WHERE invitation_hash = ?2 AND invitation_expires_at > ?3")
                .setParameter(1, secrets.hash(password))
                .setParameter(2, invitation)
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
        if (accepted != 1) {
            return Optional.empty();
        }
        StoredTenantUser user = em.find(StoredTenantUser.class, ((Number) found.get(0)).longValue());
        em.refresh(user);
        return Optional.of(user.view());
    }

    /**
     * Signs {@code tenant}'s user {@code email} in if its password is right: a new session. Empty otherwise, after as
     * long as a right one takes, so timing tells no one which addresses have accounts.
     */
    public Optional<SignedIn> signIn(TenantId tenant, EmailAddress email, char[] password) {
        if (password.length > MAX_PASSWORD) {
            return Optional.empty();
        }
        Optional<StoredTenantUser> user =
                stored(tenant, email).filter(found -> found.passwordHash().isPresent());
        if (user.isEmpty()) {
            secrets.verifyUnknown(password);
            return Optional.empty();
        }
        if (!secrets.verify(password, user.get().passwordHash().orElseThrow())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        user.get().signedIn(now);
        String token = secrets.generate();
        String csrf = secrets.generate();
        Instant expiresAt = now.plus(SESSION_LIFETIME);
        em.createNativeQuery("INSERT INTO outpost_ui_session (token_hash, user_id, csrf_token, created_at, expires_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, hash(token))
                .setParameter(2, user.get().id())
                .setParameter(3, csrf)
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, Timestamp.from(expiresAt))
                .executeUpdate();
        return Optional.of(new SignedIn(user.get().view(), token, csrf, expiresAt));
    }

    /** The session a cookie's token opens, while it lasts; empty for any other token. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SignedIn> session(String token) {
        List<?> rows = em.createNativeQuery("SELECT user_id, csrf_token, expires_at FROM outpost_ui_session WHERE"
                        + " token_hash = ?1 AND expires_at > ?2")
                .setParameter(1, hash(token))
                .setParameter(2, Timestamp.from(clock.instant()))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.ofNullable(em.find(StoredTenantUser.class, ((Number) row[0]).longValue()))
                .map(user -> new SignedIn(user.view(), token, (String) row[1], ((Timestamp) row[2]).toInstant()));
    }

    /** Ends the session of that token, if there is one. */
    public void signOut(String token) {
        em.createNativeQuery("DELETE FROM outpost_ui_session WHERE token_hash = ?1")
                .setParameter(1, hash(token))
                .executeUpdate();
    }

    /** The tenant's users, by address. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TenantUser> users(TenantId tenant) {
        return em.createQuery(
                        "SELECT u FROM StoredTenantUser u WHERE u.tenantId = :tenant ORDER BY u.email",
                        StoredTenantUser.class)
                .setParameter("tenant", tenant.value())
                .getResultStream()
                .map(StoredTenantUser::view)
                .toList();
    }

    /**
     * Removes the tenant's user and ends their sessions.
     *
     * @throws NoSuchEntryException when the tenant has no user of that address
     */
    public void remove(TenantId tenant, EmailAddress email) throws NoSuchEntryException {
        StoredTenantUser user = stored(tenant, email).orElseThrow(() -> new NoSuchEntryException("no user " + email));
        em.createNativeQuery("DELETE FROM outpost_ui_session WHERE user_id = ?1")
                .setParameter(1, user.id())
                .executeUpdate();
        em.remove(user);
    }

    /** Deletes one batch of sessions that have ended; how many. */
    public int forgetEndedSessions() {
        return em.createNativeQuery("DELETE FROM outpost_ui_session WHERE expires_at <= ?1")
                .setParameter(1, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    private Optional<StoredTenantUser> stored(TenantId tenant, EmailAddress email) {
        return em.createQuery(
                        "SELECT u FROM StoredTenantUser u WHERE u.tenantId = :tenant AND u.email = :email",
                        StoredTenantUser.class)
                .setParameter("tenant", tenant.value())
                .setParameter("email", folded(email))
                .getResultStream()
                .findFirst();
    }

    /** The address as accounts are kept and throttled by: one account however its owner writes it. */
    public static String folded(EmailAddress email) {
        return email.localPart().toLowerCase(Locale.ROOT) + "@"
                + email.domain().ascii().toLowerCase(Locale.ROOT);
    }

    /** How a session's or an invitation's token is kept: its SHA-256, in hex. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

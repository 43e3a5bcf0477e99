package io.outpost.relay.account;

import io.outpost.relay.tenant.Secrets;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sessions of administrators signed in to the web UI. Whose password is right is the admin API's own identity
 * store's business (the caller checks it first): there is one store of admin passwords. A session lasts as long as a
 * tenant user's ({@link AccountStore#SESSION_LIFETIME}), is kept as its token's SHA-256, and ends with its admin
 * account. Each public method is one transaction.
 */
@Stateless
public class OperatorSessions {

    @PersistenceContext(unitName = "outpost")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    private final Clock clock = Clock.systemUTC();

    /** A new session for {@code admin}, whose password the caller has just verified. */
    public OperatorSession open(String admin) {
        Instant now = clock.instant();
        String token = secrets.generate();
        String csrf = secrets.generate();
        Instant expiresAt = now.plus(AccountStore.SESSION_LIFETIME);
        em.createNativeQuery("INSERT INTO outpost_operator_session (token_hash, admin_user, csrf_token, created_at,"
                        + " expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, AccountStore.hash(token))
                .setParameter(2, admin)
                .setParameter(3, csrf)
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, Timestamp.from(expiresAt))
                .executeUpdate();
        return new OperatorSession(admin, token, csrf, expiresAt);
    }

    /** The session a cookie's token opens, while it lasts and its admin account exists; empty for any other token. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<OperatorSession> session(String token) {
        List<?> rows = em.createNativeQuery("SELECT s.admin_user, s.csrf_token, s.expires_at FROM"
                        + " outpost_operator_session s JOIN outpost_admin_account a ON a.username = s.admin_user"
                        + " WHERE s.token_hash = ?1 AND s.expires_at > ?2")
                .setParameter(1, AccountStore.hash(token))
                .setParameter(2, Timestamp.from(clock.instant()))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(
                new OperatorSession((String) row[0], token, (String) row[1], ((Timestamp) row[2]).toInstant()));
    }

    /** Ends the session of that token, if there is one. */
    public void end(String token) {
        em.createNativeQuery("DELETE FROM outpost_operator_session WHERE token_hash = ?1")
                .setParameter(1, AccountStore.hash(token))
                .executeUpdate();
    }

    /** Deletes the sessions that have ended; how many. */
    public int forgetEnded() {
        return em.createNativeQuery("DELETE FROM outpost_operator_session WHERE expires_at <= ?1")
                .setParameter(1, Timestamp.from(clock.instant()))
                .executeUpdate();
    }
}

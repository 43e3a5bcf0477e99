package io.outpost.relay.tenant;

import io.outpost.relay.cache.ExpiringCache;
import io.outpost.relay.smtp.auth.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link CredentialState} of SMTP credentials and API keys, kept in memory so that the check at every MAIL FROM
 * and every message costs a map look-up, not a query (and never a PBKDF2 verification). A revocation on this node
 * replaces the entry as soon as it is committed ({@link SecretRevoked}); one on another node shows here within
 * {@link #TTL}, when the entry is read again.
 */
@ApplicationScoped
public class CredentialStates {

    /** How long a state is used before it is read again: how late another node's revocation is seen. */
    public static final Duration TTL = Duration.ofSeconds(10);

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private TenantStore store;

    private ExpiringCache<String, Optional<CredentialView>> credentials;
    private ExpiringCache<String, CredentialState> apiKeys;

    @PostConstruct
    void create() {
        credentials = new ExpiringCache<>(store::credential, TTL, MAX_ENTRIES, System::nanoTime);
        apiKeys = new ExpiringCache<>(store::apiKeyState, TTL, MAX_ENTRIES, System::nanoTime);
    }

    /**
     * The state of the SMTP credential an authenticated session (or a trusted network) sends as: {@link
     * CredentialState.NotStored} unless the store has a credential of that name for that tenant.
     */
    public CredentialState smtpCredential(Identity identity) {
        return credentials
                .get(identity.username())
                .filter(credential -> credential.tenant().equals(identity.tenant()))
                .<CredentialState>map(credential -> credential.revoked()
                        ? new CredentialState.Inactive()
                        : new CredentialState.Active(credential.limits()))
                .orElseGet(CredentialState.NotStored::new);
    }

    /** The state of the API key {@code keyId}: active or not; an unknown key is inactive. */
    public CredentialState apiKey(String keyId) {
        return apiKeys.get(keyId);
    }

    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecretRevoked revoked) {
        if (revoked instanceof SecretRevoked.Credential credential) {
            credentials.invalidate(credential.username());
        } else if (revoked instanceof SecretRevoked.ApiKey key) {
            apiKeys.invalidate(key.keyId());
        }
    }
}

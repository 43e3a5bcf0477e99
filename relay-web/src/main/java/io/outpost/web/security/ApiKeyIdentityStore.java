package io.outpost.web.security;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tenant.PresentedApiKey;
import io.outpost.relay.tenant.TenantStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Checks API keys against the tenants' active keys in the database; the caller is the key's tenant, in the role
 * {@link Roles#TENANT}. A key verified within the last minute is taken from {@link VerifiedApiKeys} without hashing
 * again; a fresh verification is recorded as the key's last use (so {@code lastUsedAt} is exact to about a minute).
 */
@ApplicationScoped
public class ApiKeyIdentityStore implements IdentityStore {

    // Unique ids are prefixed so that a tenant and an admin account of the same name are never the same caller.
    private static final String UNIQUE_ID_PREFIX = "tenant/";

    @EJB
    private TenantStore store;

    @Inject
    private VerifiedApiKeys verified;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof ApiKeyCredential apiKey)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String key = apiKey.key();
        Optional<PresentedApiKey> parsed = PresentedApiKey.parse(key);
        if (parsed.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<TenantId> tenant = verified.tenantOf(key);
        if (tenant.isEmpty()) {
            tenant = store.tenantOfApiKey(key);
            tenant.ifPresent(t -> {
                verified.remember(parsed.get().keyId(), key, t);
                store.recordApiKeyUse(parsed.get().keyId(), Instant.now());
            });
        }
        return tenant.map(ApiKeyIdentityStore::asCaller).orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private static CredentialValidationResult asCaller(TenantId tenant) {
        return new CredentialValidationResult(
                Roles.TENANT_REALM, tenant.value(), null, UNIQUE_ID_PREFIX + tenant.value(), Set.of(Roles.TENANT));
    }
}

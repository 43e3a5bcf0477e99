package io.outpost.web.admin;

import io.outpost.relay.tenant.Secrets;
import io.outpost.relay.tenant.TenantStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * Checks admin user names and passwords against the admin accounts in the database (PBKDF2 hashes). An unknown name
 * costs one dummy verification, as a known one does, so timing does not reveal which accounts exist.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @EJB
    private TenantStore store;

    @Inject
    private Secrets secrets;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = login.getCaller();
        char[] password = login.getPassword().getValue();
        Optional<String> hash = store.adminPasswordHash(username);
        boolean valid = hash.isPresent() ? secrets.verify(password, hash.get()) : secrets.verifyUnknown(password);
        return valid
                ? new CredentialValidationResult(
                        AdminSecurity.REALM, username, null, username, Set.of(AdminSecurity.ROLE))
                : CredentialValidationResult.INVALID_RESULT;
    }
}

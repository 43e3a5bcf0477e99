package io.outpost.api.plugin;

import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.util.Objects;

/** Who a successful login is: the tenant it acts for and the credential it used. */
public record AuthenticatedPrincipal(TenantId tenant, CredentialId credential) {

    public AuthenticatedPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(credential, "credential");
    }

    @Override
    public String toString() {
        return credential + "@" + tenant;
    }
}

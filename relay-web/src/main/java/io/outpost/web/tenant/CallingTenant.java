package io.outpost.web.tenant;

import io.outpost.api.tenant.TenantId;
import jakarta.ws.rs.core.SecurityContext;

/** The tenant a tenant-API request acts for: only ever the authenticated caller, never a value from the request. */
public final class CallingTenant {

    private CallingTenant() {}

    // The API key identity store names the caller by its tenant id.
    public static TenantId of(SecurityContext security) {
        return TenantId.of(security.getUserPrincipal().getName());
    }
}

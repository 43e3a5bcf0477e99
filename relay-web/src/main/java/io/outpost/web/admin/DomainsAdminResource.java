package io.outpost.web.admin;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.relay.tenant.TenantView;
import io.outpost.web.domains.DomainJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/admin/domains}: every tenant's sending domains with their readiness and last check, tenant by
 * tenant, as each tenant's own list shows them ({@link DomainJson#summary}); a domain is checked again through {@code
 * POST /api/v1/admin/tenants/{tenant}/domains/{domain}/check}.
 */
@Path("admin/domains")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class DomainsAdminResource {

    @EJB
    private TenantStore tenants;

    @EJB
    private DomainStore domains;

    @GET
    public String all() {
        JsonArrayBuilder all = CachedJson.createArrayBuilder();
        for (TenantView tenant : tenants.tenants()) {
            try {
                domains.domains(tenant.id()).forEach(domain -> {
                    JsonObjectBuilder json = CachedJson.createObjectBuilder()
                            .add("tenant", tenant.id().value());
                    DomainJson.summary(domain).forEach(json::add);
                    all.add(json);
                });
            } catch (NoSuchEntryException removedMeanwhile) {
                // A tenant deleted since the list was read has no domains to show.
            }
        }
        return CachedJson.createObjectBuilder().add("domains", all).build().toString();
    }
}

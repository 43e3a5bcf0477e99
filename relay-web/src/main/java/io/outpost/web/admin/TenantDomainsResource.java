package io.outpost.web.admin;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.sending.SendingDomainNames;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.domains.DomainJson;
import io.outpost.web.domains.DomainOperations;
import io.outpost.web.json.RequestFields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.List;

/** A tenant's sending domains, for the admin: the same operations the tenant has, plus replacing the whole list. */
@Path("admin/tenants/{tenant}/domains")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TenantDomainsResource {

    @Inject
    private DomainOperations operations;

    @EJB
    private DomainStore store;

    @Inject
    private RelayConfiguration config;

    @Context
    private UriInfo uri;

    @PathParam("tenant")
    private String tenant;

    @GET
    public String list() throws NoSuchEntryException {
        return operations.list(tenantId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body) throws NoSuchEntryException, ConflictException {
        return operations.add(tenantId(), body, uri);
    }

    /** {@code {"domains": [...]}} makes these the tenant's sending domains: new ones get keys, missing ones go. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(JsonObject body) throws NoSuchEntryException, ConflictException {
        RequestFields fields = new RequestFields(body);
        List<Domain> domains =
                List.copyOf(new LinkedHashSet<>(fields.requiredList("domains", SendingDomainNames::parse)));
        fields.check();
        TenantId id = tenantId();
        store.replaceDomains(id, domains, config.dkimEd25519());
        return DomainJson.list(store.domains(id));
    }

    @GET
    @Path("{domain}")
    public String get(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.get(tenantId(), domain);
    }

    @DELETE
    @Path("{domain}")
    public Response remove(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.remove(tenantId(), domain);
    }

    @POST
    @Path("{domain}/check")
    public String check(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.check(tenantId(), domain);
    }

    @PUT
    @Path("{domain}/tracking-host")
    @Consumes(MediaType.APPLICATION_JSON)
    public String trackingHost(@PathParam("domain") String domain, JsonObject body) throws NoSuchEntryException {
        return operations.trackingHost(tenantId(), domain, body);
    }

    @POST
    @Path("{domain}/rotate")
    public String rotate(@PathParam("domain") String domain) throws NoSuchEntryException, ConflictException {
        return operations.rotate(tenantId(), domain);
    }

    @GET
    @Path("{domain}/events")
    public String events(@PathParam("domain") String domain) throws NoSuchEntryException {
        return operations.events(tenantId(), domain);
    }

    private TenantId tenantId() throws NoSuchEntryException {
        return TenantsResource.tenantId(tenant);
    }
}

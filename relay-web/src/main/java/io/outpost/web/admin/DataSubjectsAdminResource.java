package io.outpost.web.admin;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.privacy.PersonalData;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.privacy.DataSubjectRequests;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/admin/data-subjects/{address}?tenant=}: the tenant API's export and erasure of an address
 * ({@code data-subjects}), done by the operator for a tenant whose records it keeps (its processor, GDPR Art. 28), the
 * erasure recorded as {@code admin:<name>}. The tenant is required: each controller answers for its own records.
 */
@Path("admin/data-subjects")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectsAdminResource {

    @EJB
    private PersonalData data;

    @EJB
    private TenantStore tenants;

    @Context
    private SecurityContext security;

    @GET
    @Path("{address}")
    public String export(@QueryParam("tenant") String tenant, @PathParam("address") String address)
            throws NoSuchEntryException {
        return requests(tenant).export(address);
    }

    @DELETE
    @Path("{address}")
    public String erase(@QueryParam("tenant") String tenant, @PathParam("address") String address)
            throws NoSuchEntryException, ConflictException {
        return requests(tenant).erase(address);
    }

    private DataSubjectRequests requests(String tenant) throws NoSuchEntryException {
        if (tenant == null) {
            throw ProblemException.invalid(List.of(new InvalidParam("tenant", "is required")));
        }
        TenantId owner;
        try {
            owner = TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("tenant", e.getMessage())));
        }
        tenants.tenant(owner);
        return new DataSubjectRequests(
                data, owner, "admin:" + security.getUserPrincipal().getName());
    }
}

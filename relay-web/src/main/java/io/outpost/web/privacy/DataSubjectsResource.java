package io.outpost.web.privacy;

import io.outpost.relay.account.UserRole;
import io.outpost.relay.privacy.PersonalData;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/data-subjects/{address}}: what the calling tenant's records hold about one address.
 *
 * <ul>
 *   <li>{@code GET}: all of it as one JSON document (GDPR Art. 15): its messages with their events, its suppression
 *       entries with their history, its subscriptions with their proof of consent.
 *   <li>{@code DELETE}: erases it (Art. 17) and answers what went; its opt-outs stay as entries for its hash. A
 *       {@code 409} while messages to it still wait in the queue.
 * </ul>
 */
@ApiAccess(UserRole.Access.OWNERS)
@Path("data-subjects")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectsResource {

    @EJB
    private PersonalData data;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @GET
    @Path("{address}")
    public String export(@PathParam("address") String address) {
        return requests().export(address);
    }

    @DELETE
    @Path("{address}")
    public String erase(@PathParam("address") String address) throws ConflictException {
        return requests().erase(address);
    }

    private DataSubjectRequests requests() {
        return new DataSubjectRequests(data, CallingTenant.of(security), Caller.actor(request, security));
    }
}

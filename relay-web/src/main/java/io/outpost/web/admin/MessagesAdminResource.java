package io.outpost.web.admin;

import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.messages.MessageIds;
import io.outpost.web.messages.MessageListing;
import io.outpost.web.messages.MessageStoryJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/messages/{id}}: any message's recipients and story, whichever tenant it belongs to.
 * {@code GET /api/v1/admin/messages?tenant=…}: a tenant's messages as the tenant lists them; {@code ?messageId=…} finds
 * a message by its Message-ID across tenants.
 */
@Path("admin/messages")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesAdminResource {

    @EJB
    private QueueStore queue;

    @GET
    public String list(@Context UriInfo uri) {
        return MessageListing.json(queue.list(MessageListing.query(uri.getQueryParameters(), Optional.empty())));
    }

    @GET
    @Path("{id}")
    public String story(@PathParam("id") String id) throws NoSuchEntryException {
        return MessageStoryJson.of(MessageIds.parse(id)
                .flatMap(messageId -> queue.story(messageId, Optional.empty()))
                .orElseThrow(MessageIds::notFound));
    }
}

package io.outpost.web.admin;

import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.messages.MessageContentJson;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/messages/{id}}: any message's recipients and story, whichever tenant it belongs to.
 * {@code GET /api/v1/admin/messages?tenant=…}: a tenant's messages as the tenant lists them; {@code ?messageId=…} finds
 * a message by its Message-ID across tenants. {@code …/{id}/raw} and {@code …/{id}/parsed}: its stored bytes.
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

    /** {@code GET /api/v1/admin/messages/{id}/raw}: any message's stored bytes, as its tenant reads them. */
    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public Response raw(@PathParam("id") String id) throws NoSuchEntryException {
        return MessageContentJson.raw(queue, id, Optional.empty());
    }

    /** {@code GET /api/v1/admin/messages/{id}/parsed}: any message's header fields and MIME parts. */
    @GET
    @Path("{id}/parsed")
    public String parsed(@PathParam("id") String id) throws NoSuchEntryException {
        return MessageContentJson.parsed(queue, id, Optional.empty());
    }
}

package io.outpost.web.topics;

import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.relay.topic.TopicStore;
import io.outpost.relay.topic.TopicView;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/topics}: the topics of the calling tenant's bulk mail (a preference centre's choices). A message names
 * one ({@code "topic"} in the API, {@code X-Outpost-Topic} over SMTP); its one-click unsubscribe leaves that topic, and
 * its unsubscribe page lets the recipient tick which topics to leave, or leave all.
 *
 * <ul>
 *   <li>{@code PUT /{name} {"title", "description"?}}: creates the topic (201) or changes how the page shows it (200).
 *   <li>{@code GET}: all of them; {@code GET /{name}}: one.
 *   <li>{@code DELETE /{name}}: no new message may name it; those who left it stay off its list.
 * </ul>
 *
 * Another tenant's topic is a 404 like one that does not exist.
 */
@Path("topics")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class TopicsResource {

    @Inject
    private TenantTopics topics;

    @Context
    private SecurityContext security;

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, JsonObject body) {
        TenantId tenant = CallingTenant.of(security);
        RequestFields fields = new RequestFields(body);
        Optional<Topic> topic = Optional.empty();
        try {
            topic = Optional.of(Topic.of(name));
        } catch (IllegalArgumentException e) {
            fields.reject("name", e.getMessage());
        }
        Optional<String> title = fields.required("title", text -> bounded(text, TopicView.MAX_TITLE));
        Optional<String> description = fields.optional("description", text -> bounded(text, TopicView.MAX_DESCRIPTION));
        fields.check();
        try {
            TopicStore.Put put = topics.put(tenant, topic.orElseThrow(), title.orElseThrow(), description);
            return Response.status(put.created() ? 201 : 200)
                    .entity(json(put.topic()).build().toString())
                    .build();
        } catch (TopicStore.TooManyTopics e) {
            throw ProblemException.invalid(List.of(new InvalidParam("name", e.getMessage())));
        }
    }

    @GET
    public String list() {
        JsonArrayBuilder list = CachedJson.createArrayBuilder();
        topics.of(CallingTenant.of(security)).forEach(topic -> list.add(json(topic)));
        return CachedJson.createObjectBuilder().add("topics", list).build().toString();
    }

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name) throws NoSuchEntryException {
        return json(topics.find(CallingTenant.of(security), topic(name))
                        .orElseThrow(() -> new NoSuchEntryException("no topic " + name)))
                .build()
                .toString();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) throws NoSuchEntryException {
        if (!topics.delete(CallingTenant.of(security), topic(name))) {
            throw new NoSuchEntryException("no topic " + name);
        }
        return Response.noContent().build();
    }

    // A name that cannot be a topic is not found, like one that is not.
    private static Topic topic(String name) throws NoSuchEntryException {
        try {
            return Topic.of(name);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("no topic " + name);
        }
    }

    private static String bounded(String text, int max) {
        String value = text.strip();
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException("must have 1 to " + max + " characters");
        }
        return value;
    }

    static JsonObjectBuilder json(TopicView topic) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("name", topic.topic().name())
                .add("title", topic.title())
                .add("createdAt", topic.createdAt().toString());
        topic.description().ifPresent(text -> json.add("description", text));
        return json;
    }
}

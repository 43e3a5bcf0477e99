package io.outpost.web.admin;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.sending.SendingDomainNames;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.RcptSuppression;
import io.outpost.relay.tenant.Sandbox;
import io.outpost.relay.tenant.SendingDefaults;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.relay.tenant.TenantView;
import io.outpost.relay.tracking.TrackingOptions;
import io.outpost.web.credentials.CredentialRequests;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.ProblemException;
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
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants with their sending domains, SMTP credentials and API keys (those as {@link CredentialRequests}, the same
 * requests a tenant's owners make of their own).
 */
@Path("admin/tenants")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    private static final int MAX_NAME_LENGTH = 200;

    @EJB
    private TenantStore store;

    @EJB
    private DomainStore domains;

    @Inject
    private RelayConfiguration config;

    @Inject
    private Sandbox sandbox;

    @Inject
    private RcptSuppression rcptSuppression;

    @Inject
    private SendingDefaults defaults;

    @Context
    private UriInfo uri;

    /** {@code {"id": "shop", "name": "Shop Ltd", "domains": ["shop.example"]}} → 201 with the tenant. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) throws ConflictException {
        RequestFields fields = new RequestFields(body);
        Optional<TenantId> id = fields.required("id", TenantId::of);
        Optional<String> name = fields.required("name", TenantsResource::displayName);
        List<Domain> sendingDomains =
                List.copyOf(new LinkedHashSet<>(fields.requiredList("domains", SendingDomainNames::parse)));
        fields.check();
        TenantView tenant =
                domains.createTenant(id.orElseThrow(), name.orElseThrow(), sendingDomains, config.dkimEd25519());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(tenant.id().value()).build())
                .entity(Representations.tenant(tenant, sendingDomains).toString())
                .build();
    }

    @GET
    public String list() {
        return Representations.list(store.tenants(), this::withDomains);
    }

    @GET
    @Path("{tenant}")
    public String get(@PathParam("tenant") String tenant) throws NoSuchEntryException {
        return withDomains(store.tenant(tenantId(tenant))).toString();
    }

    /**
     * {@code PUT /api/v1/admin/tenants/{id}/capture} {@code {"capture": true}}: the sandbox keeps the tenant's messages
     * exactly as they would leave (signed, readable with {@code GET …/messages/{id}/raw}) and delivers none, until it is
     * turned off; messages queued meanwhile are captured when their attempt comes.
     */
    @PUT
    @Path("{tenant}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    public String capture(@PathParam("tenant") String tenant, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Optional<Boolean> capture = fields.optionalBoolean("capture");
        if (capture.isEmpty()) {
            fields.reject("capture", "required: true or false");
        }
        fields.check();
        return withDomains(sandbox.capture(tenantId(tenant), capture.orElseThrow()))
                .toString();
    }

    /**
     * {@code PUT /api/v1/admin/tenants/{id}/suppression} {@code {"atRcpt": "refuse"}}: whether the tenant's recipients on
     * a suppression list are refused when given ({@code 550 5.7.1} with the reason at RCPT, a 422 over HTTP), or, the
     * default ({@code "accept"}), accepted and held before delivery, so that a client cannot probe the list.
     */
    @PUT
    @Path("{tenant}/suppression")
    @Consumes(MediaType.APPLICATION_JSON)
    public String suppression(@PathParam("tenant") String tenant, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Optional<Boolean> refuse = fields.optional("atRcpt", text -> switch (text) {
            case "refuse" -> true;
            case "accept" -> false;
            default -> throw new IllegalArgumentException("must be refuse or accept");
        });
        if (refuse.isEmpty()) {
            fields.reject("atRcpt", "required: refuse or accept");
        }
        fields.check();
        return withDomains(rcptSuppression.set(tenantId(tenant), refuse.orElseThrow()))
                .toString();
    }

    /**
     * {@code PUT /api/v1/admin/tenants/{id}/default-stream} {@code {"stream": "bulk"}}: the stream the tenant's
     * messages go on when neither they nor their API key or SMTP credential name one ({@code transactional} at first).
     */
    @PUT
    @Path("{tenant}/default-stream")
    @Consumes(MediaType.APPLICATION_JSON)
    public String defaultStream(@PathParam("tenant") String tenant, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Optional<MessageStream> stream = fields.required("stream", MessageStream::of);
        fields.check();
        return withDomains(defaults.setTenantDefault(tenantId(tenant), stream.orElseThrow()))
                .toString();
    }

    /**
     * {@code PUT /api/v1/admin/tenants/{id}/tracking} {@code {"bulk": {"opens": true, "clicks": true, "textLinks":
     * false}, "transactional": {…}}}: what the tenant's messages on each stream track when they do not say (either
     * stream may be left out; a part left out is off). The relay's default: bulk tracks opens and clicks, transactional
     * nothing.
     */
    @PUT
    @Path("{tenant}/tracking")
    @Consumes(MediaType.APPLICATION_JSON)
    public String tracking(@PathParam("tenant") String tenant, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Map<MessageStream, TrackingOptions> asked = new EnumMap<>(MessageStream.class);
        for (MessageStream stream : MessageStream.values()) {
            String name = stream.wireName();
            if (body == null || !body.containsKey(name)) {
                continue;
            }
            if (!(body.get(name) instanceof JsonObject object)) {
                fields.reject(name, "must be an object such as {\"opens\": true, \"clicks\": true}");
                continue;
            }
            RequestFields parts = new RequestFields(object);
            asked.put(
                    stream,
                    new TrackingOptions(
                            parts.optionalBoolean("opens").orElse(false),
                            parts.optionalBoolean("clicks").orElse(false),
                            parts.optionalBoolean("textLinks").orElse(false)));
            try {
                parts.check();
            } catch (ProblemException e) {
                e.problem().invalidParams().forEach(p -> fields.reject(name + "." + p.name(), p.reason()));
            }
        }
        if (asked.isEmpty()) {
            fields.reject("bulk", "give bulk, transactional or both");
        }
        fields.check();
        TenantId id = tenantId(tenant);
        TenantView changed = null;
        for (Map.Entry<MessageStream, TrackingOptions> entry : asked.entrySet()) {
            changed = defaults.setTracking(id, entry.getKey(), entry.getValue());
        }
        return withDomains(changed).toString();
    }

    private JsonObject withDomains(TenantView tenant) {
        return Representations.tenant(tenant, domains.domainNames(tenant.id()).orElse(List.of()));
    }

    /** {@code POST …/smtp-credentials}: as {@link CredentialRequests#createCredential}. */
    @POST
    @Path("{tenant}/smtp-credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createCredential(@PathParam("tenant") String tenant, JsonObject body)
            throws NoSuchEntryException, ConflictException {
        return credentialsOf(tenant).createCredential(body);
    }

    @GET
    @Path("{tenant}/smtp-credentials")
    public String credentials(@PathParam("tenant") String tenant) throws NoSuchEntryException {
        return credentialsOf(tenant).credentials();
    }

    /** As {@link CredentialRequests#revokeCredential}. */
    @DELETE
    @Path("{tenant}/smtp-credentials/{username}")
    public String revokeCredential(@PathParam("tenant") String tenant, @PathParam("username") String username)
            throws NoSuchEntryException {
        return credentialsOf(tenant).revokeCredential(username);
    }

    /** {@code POST …/api-keys}: as {@link CredentialRequests#createApiKey}. */
    @POST
    @Path("{tenant}/api-keys")
    public Response createApiKey(@PathParam("tenant") String tenant, String body) throws NoSuchEntryException {
        return credentialsOf(tenant).createApiKey(body);
    }

    @GET
    @Path("{tenant}/api-keys")
    public String apiKeys(@PathParam("tenant") String tenant) throws NoSuchEntryException {
        return credentialsOf(tenant).apiKeys();
    }

    /** As {@link CredentialRequests#revokeApiKey}. */
    @DELETE
    @Path("{tenant}/api-keys/{keyId}")
    public String revokeApiKey(@PathParam("tenant") String tenant, @PathParam("keyId") String keyId)
            throws NoSuchEntryException {
        return credentialsOf(tenant).revokeApiKey(keyId);
    }

    private CredentialRequests credentialsOf(String tenant) throws NoSuchEntryException {
        return new CredentialRequests(store, tenantId(tenant), uri);
    }

    private static String displayName(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("may not contain control characters");
        }
        return stripped;
    }

    /** The tenant a path names; a malformed id names no tenant: 404, like an unknown one. */
    static TenantId tenantId(String value) throws NoSuchEntryException {
        try {
            return TenantId.of(value);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("no tenant " + value);
        }
    }
}

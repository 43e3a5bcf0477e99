package io.outpost.web.credentials;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.tenant.ApiKeyView;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.CredentialLimits;
import io.outpost.relay.tenant.CredentialView;
import io.outpost.relay.tenant.NewSecret;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import io.outpost.web.json.JsonObjectReader;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the tenant API ({@link SmtpCredentialsResource}, {@link ApiKeysResource}) and the admin API ({@code
 * admin/TenantsResource}) do with one tenant's SMTP credentials and API keys. A generated password or key appears
 * exactly once, in the 201 that created it (marked {@code Cache-Control: no-store}); lists never show secrets or hashes.
 * Nothing here reads or revokes another tenant's.
 */
public final class CredentialRequests {

    private final TenantStore store;
    private final TenantId tenant;
    private final UriInfo uri;

    /** @param uri the request's, for the {@code Location} of what it creates */
    public CredentialRequests(TenantStore store, TenantId tenant, UriInfo uri) {
        this.store = store;
        this.tenant = tenant;
        this.uri = uri;
    }

    /**
     * {@code {"username": "optional", "messagesPerHour": 1000, "recipientsPerMessage": 50, "stream": "bulk"}} (all
     * optional; limits null or absent for unlimited; without a stream, its messages go on the tenant's default unless
     * their X-Outpost-Stream field names one) → 201 with the user name and the generated {@code password}, shown only now.
     */
    public Response createCredential(JsonObject body) throws NoSuchEntryException, ConflictException {
        RequestFields fields = new RequestFields(body);
        Optional<CredentialId> username = fields.optional("username", CredentialId::of);
        CredentialLimits limits = limits(fields);
        Optional<MessageStream> stream = fields.optional("stream", MessageStream::of);
        fields.check();
        NewSecret<CredentialView> created = store.createCredential(tenant, username, limits, stream);
        String json = credential(created.credential())
                .add("password", created.secret())
                .build()
                .toString();
        return secretResponse(created.credential().username(), json);
    }

    public String credentials() throws NoSuchEntryException {
        return list(store.credentials(tenant), CredentialRequests::credential);
    }

    /**
     * Revokes the credential: AUTH refuses it from now on, and so does the next MAIL FROM of a session that logged in
     * with it before (on this node at once, on the others within {@code CredentialStates.TTL}); it stays listed as
     * revoked.
     */
    public String revokeCredential(String username) throws NoSuchEntryException {
        return credential(store.revokeCredential(tenant, username)).build().toString();
    }

    /**
     * {@code {"messagesPerHour": 1000, "recipientsPerMessage": 50, "stream": "bulk"}} (optional, as is the body; limits
     * null or absent for unlimited; without a stream, the tenant's default for messages that name none) → 201 with
     * {@code keyId} and the whole {@code key}, shown only now.
     */
    public Response createApiKey(String body) throws NoSuchEntryException {
        // The body is optional, so it is read as text; malformed JSON is the same 400 problem as for other requests.
        RequestFields fields = new RequestFields(
                body == null || body.isBlank() ? null : JsonObjectReader.read(new StringReader(body)));
        CredentialLimits limits = limits(fields);
        Optional<MessageStream> stream = fields.optional("stream", MessageStream::of);
        fields.check();
        NewSecret<ApiKeyView> created = store.createApiKey(tenant, limits, stream);
        String json = apiKey(created.credential())
                .add("key", created.secret())
                .build()
                .toString();
        return secretResponse(created.credential().keyId(), json);
    }

    public String apiKeys() throws NoSuchEntryException {
        return list(store.apiKeys(tenant), CredentialRequests::apiKey);
    }

    /** Revokes the key: refused from now on by this node, by the others within {@code CredentialStates.TTL}. */
    public String revokeApiKey(String keyId) throws NoSuchEntryException {
        return apiKey(store.revokeApiKey(tenant, keyId)).build().toString();
    }

    private static CredentialLimits limits(RequestFields fields) {
        Optional<Integer> perHour = fields.optionalPositive("messagesPerHour");
        Optional<Integer> perMessage = fields.optionalPositive("recipientsPerMessage");
        return new CredentialLimits(perHour.orElse(null), perMessage.orElse(null));
    }

    private Response secretResponse(String name, String json) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getAbsolutePathBuilder().path(name).build())
                .cacheControl(noStore)
                .entity(json)
                .build();
    }

    private static <T> String list(List<T> items, Function<T, JsonObjectBuilder> shape) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        items.forEach(item -> array.add(shape.apply(item)));
        return array.build().toString();
    }

    // Written out field by field, so that no hash slips in.
    private static JsonObjectBuilder credential(CredentialView credential) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("tenant", credential.tenant().value())
                .add("username", credential.username())
                .add("createdAt", credential.createdAt().toString());
        time(json, "lastUsedAt", credential.lastUsedAt());
        json.add("revoked", credential.revoked());
        time(json, "revokedAt", credential.revokedAt());
        number(json, "messagesPerHour", credential.limits().messagesPerHour());
        number(json, "recipientsPerMessage", credential.limits().recipientsPerMessage());
        credential.defaultStream().ifPresent(stream -> json.add("stream", stream.wireName()));
        return json;
    }

    private static JsonObjectBuilder apiKey(ApiKeyView key) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("tenant", key.tenant().value())
                .add("keyId", key.keyId())
                .add("createdAt", key.createdAt().toString());
        time(json, "lastUsedAt", key.lastUsedAt());
        json.add("revoked", key.revoked());
        time(json, "revokedAt", key.revokedAt());
        number(json, "messagesPerHour", key.limits().messagesPerHour());
        number(json, "recipientsPerMessage", key.limits().recipientsPerMessage());
        key.defaultStream().ifPresent(stream -> json.add("stream", stream.wireName()));
        return json;
    }

    private static void time(JsonObjectBuilder json, String name, Instant value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toString());
        }
    }

    private static void number(JsonObjectBuilder json, String name, Integer value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}

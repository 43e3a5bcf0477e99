package io.outpost.web.admin;

import io.outpost.api.mail.Domain;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.login.ThrottleEntry;
import io.outpost.relay.tenant.ApiKeyView;
import io.outpost.relay.tenant.CredentialView;
import io.outpost.relay.tenant.TenantView;
import io.outpost.relay.tracking.TrackingOptions;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON shapes of the admin API, written out explicitly so that no field (least of all a hash) slips in. The tenant
 * API shows a tenant the same way.
 */
public final class Representations {

    private Representations() {}

    public static JsonObject tenant(TenantView tenant, List<Domain> sendingDomains) {
        JsonArrayBuilder domains = CachedJson.createArrayBuilder();
        sendingDomains.stream().map(Domain::name).forEach(domains::add);
        return CachedJson.createObjectBuilder()
                .add("id", tenant.id().value())
                .add("name", tenant.displayName())
                .add("domains", domains)
                .add("createdAt", tenant.createdAt().toString())
                .add("capture", tenant.capture())
                .add(
                        "suppression",
                        CachedJson.createObjectBuilder()
                                .add("atRcpt", tenant.refuseSuppressedAtRcpt() ? "refuse" : "accept"))
                .add("defaultStream", tenant.defaultStream().wireName())
                .add(
                        "tracking",
                        CachedJson.createObjectBuilder()
                                .add("transactional", tracking(tenant.transactionalTracking()))
                                .add("bulk", tracking(tenant.bulkTracking())))
                .build();
    }

    private static JsonObjectBuilder tracking(TrackingOptions options) {
        return CachedJson.createObjectBuilder()
                .add("opens", options.opens())
                .add("clicks", options.clicks())
                .add("textLinks", options.textLinks());
    }

    static JsonObjectBuilder credential(CredentialView credential) {
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

    static JsonObjectBuilder apiKey(ApiKeyView key) {
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

    static JsonObject throttleEntry(ThrottleEntry entry, String protocol) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("protocol", protocol)
                .add("kind", entry.kind().name());
        entry.address().ifPresent(address -> json.add("address", address));
        entry.name().ifPresent(name -> json.add("name", name));
        json.add("failures", entry.failures());
        time(json, "blockedUntil", entry.blockedUntil().orElse(null));
        if (!entry.nextDelay().isZero()) {
            json.add("nextFailureDelaySeconds", entry.nextDelay().toSeconds());
        }
        return json.build();
    }

    static <T> String list(Collection<T> items, Function<T, Object> shape) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        for (T item : items) {
            Object json = shape.apply(item);
            if (json instanceof JsonObjectBuilder builder) {
                array.add(builder);
            } else {
                array.add((JsonObject) json);
            }
        }
        return array.build().toString();
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

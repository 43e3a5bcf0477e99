package io.outpost.web.admin;

import io.outpost.api.mail.Domain;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.login.ThrottleEntry;
import io.outpost.relay.tenant.TenantView;
import io.outpost.relay.tracking.TrackingOptions;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

    static JsonObject throttleEntry(ThrottleEntry entry, String protocol) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("protocol", protocol)
                .add("kind", entry.kind().name());
        entry.address().ifPresent(address -> json.add("address", address));
        entry.name().ifPresent(name -> json.add("name", name));
        json.add("failures", entry.failures());
        entry.blockedUntil()
                .ifPresentOrElse(at -> json.add("blockedUntil", at.toString()), () -> json.addNull("blockedUntil"));
        if (!entry.nextDelay().isZero()) {
            json.add("nextFailureDelaySeconds", entry.nextDelay().toSeconds());
        }
        return json.build();
    }

    static <T> String list(Collection<T> items, Function<T, JsonObject> shape) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        items.forEach(item -> array.add(shape.apply(item)));
        return array.build().toString();
    }
}

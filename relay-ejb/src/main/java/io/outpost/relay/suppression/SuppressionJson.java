package io.outpost.relay.suppression;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** Suppression entries and changes as the API answers them, and a person's export shows them. */
public final class SuppressionJson {

    private SuppressionJson() {}

    public static JsonObjectBuilder entry(SuppressionEntry entry) {
        JsonObjectBuilder json = target(entry.target().value())
                .add("scope", scope(entry.scope()))
                .add("reason", entry.reason().wireName())
                .add("createdAt", entry.createdAt().toString());
        addList(json, entry.scope());
        entry.messageId().ifPresent(id -> json.add("messageId", Long.toString(id)));
        entry.evidence().ifPresent(text -> json.add("evidence", text));
        entry.note().ifPresent(note -> json.add("note", note));
        entry.expiresAt().ifPresent(at -> json.add("expiresAt", at.toString()));
        return json;
    }

    public static JsonObjectBuilder change(SuppressionChange change) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("change", change.kind().name().toLowerCase(Locale.ROOT))
                .add("reason", change.reason().wireName())
                .add("scope", scope(change.scope()))
                .add("by", change.actor())
                .add("at", change.occurredAt().toString());
        addList(json, change.scope());
        change.note().ifPresent(note -> json.add("note", note));
        return json;
    }

    // An address entry is answered as "address", a whole domain's as "domain", as they were given; what stays of an
    // erased address as "hashed".
    private static JsonObjectBuilder target(String target) {
        if (target.startsWith("@")) {
            return CachedJson.createObjectBuilder().add("domain", target.substring(1));
        }
        return new SuppressionTarget(target).isHashed()
                ? CachedJson.createObjectBuilder().add("hashed", target)
                : CachedJson.createObjectBuilder().add("address", target);
    }

    private static void addList(JsonObjectBuilder json, SuppressionScope scope) {
        scope.stream().ifPresent(stream -> json.add("stream", stream.wireName()));
        scope.topic().ifPresent(topic -> json.add("topic", topic.name()));
    }

    private static String scope(SuppressionScope scope) {
        if (scope.tenant().isEmpty()) {
            return "operator";
        }
        if (scope.topic().isPresent()) {
            return "topic";
        }
        return scope.stream().isPresent() ? "stream" : "tenant";
    }
}

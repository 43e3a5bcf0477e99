package io.outpost.web.suppressions;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.suppression.SuppressionChange;
import io.outpost.relay.suppression.SuppressionEntry;
import io.outpost.relay.suppression.SuppressionScope;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** Suppression entries and changes as the API answers them. */
final class SuppressionJson {

    private SuppressionJson() {}

    static JsonObjectBuilder entry(SuppressionEntry entry) {
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

    static JsonObjectBuilder change(SuppressionChange change) {
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

    // An address entry is answered as "address", a whole domain's as "domain", as they were given.
    private static JsonObjectBuilder target(String target) {
        return target.startsWith("@")
                ? CachedJson.createObjectBuilder().add("domain", target.substring(1))
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

package io.outpost.relay.queue;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message's tags and metadata as its sender gave them, kept as one JSON object ({@code {"tags": [...], "metadata":
 * {...}}}, checked by the HTTP API) and handed back, unchanged, with the message's story, events and webhooks.
 *
 * @param json at most {@link #MAX_CHARS} characters
 */
public record MessageLabels(String json) {

    /** The column's width. */
    public static final int MAX_CHARS = 4000;

    public MessageLabels {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException("tags and metadata take at most " + MAX_CHARS + " characters as JSON");
        }
    }

    /**
     * SQL {@code LIKE} patterns (escape character {@code !}) of which the stored JSON of a message carrying {@code tag}
     * matches one: the tag alone, first, last or in between in the {@code tags} array. The array comes first, written
     * compactly, and a tag is letters, digits and {@code . _ : -} (as the HTTP API checks); a quote inside a metadata
     * value is escaped, so no metadata can match.
     */
    public static List<String> tagPatterns(String tag) {
        String quoted = "\"" + tag.replace("_", "!_") + "\"";
        String array = "{\"tags\":[";
        return List.of(
                array + quoted + "]%",
                array + quoted + ",%",
                array + "%," + quoted + "]%",
                array + "%," + quoted + ",%");
    }

    /** Adds the stored {@code tags} and {@code metadata} members, if the message has any, to {@code json}. */
    public static void addTo(JsonObjectBuilder json, Optional<String> stored) {
        if (stored.isEmpty()) {
            return;
        }
        JsonObject labels;
        try (JsonReader reader = CachedJson.createReader(new StringReader(stored.get()))) {
            labels = reader.readObject();
        }
        labels.forEach(json::add);
    }
}

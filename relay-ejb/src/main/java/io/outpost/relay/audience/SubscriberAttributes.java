package io.outpost.relay.audience;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * What a tenant keeps about a subscriber (a first name, a language): a flat JSON object of at most {@link #MAX_MEMBERS}
 * members whose values are strings, numbers, booleans or null, at most {@link #MAX_CHARS} characters as text. Small on
 * purpose: an audience is not a customer database.
 */
public record SubscriberAttributes(JsonObject json) {

    public static final int MAX_MEMBERS = 50;
    public static final int MAX_CHARS = 4000;
    public static final SubscriberAttributes NONE = new SubscriberAttributes(JsonValue.EMPTY_JSON_OBJECT);

    public SubscriberAttributes {
        if (json.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("at most " + MAX_MEMBERS + " attributes");
        }
        for (var member : json.entrySet()) {
            JsonValue.ValueType type = member.getValue().getValueType();
            if (type == JsonValue.ValueType.OBJECT || type == JsonValue.ValueType.ARRAY) {
                throw new IllegalArgumentException(member.getKey() + ": a string, number, boolean or null");
            }
        }
        if (json.toString().length() > MAX_CHARS) {
            throw new IllegalArgumentException("at most " + MAX_CHARS + " characters as JSON");
        }
    }

    /** The attributes a stored text holds. */
    static SubscriberAttributes parse(String text) {
        try (JsonReader reader = CachedJson.createReader(new StringReader(text))) {
            return new SubscriberAttributes(reader.readObject());
        } catch (JsonException e) {
            throw new IllegalStateException("stored attributes are not a JSON object", e);
        }
    }

    String text() {
        return json.toString();
    }
}

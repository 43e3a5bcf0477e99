package io.outpost.web.messages;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a message's {@code tags} and {@code metadata} from a sending request (both optional), naming every unusable one
 * in one 400: {@code "tags": ["spring", "newsletter"], "metadata": {"orderId": "17", "customer": "ann"}}. They are
 * returned, unchanged, with the message's story, every event of its stream and every webhook, so an application finds
 * its own ids there.
 */
final class LabelsRequest {

    static final int MAX_TAGS = 10;
    static final int MAX_METADATA = 20;
    static final int MAX_VALUE = 256;

    /** What a tag is: what a message may carry and a listing may ask for. */
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private LabelsRequest() {}

    static Optional<MessageLabels> parse(JsonObject body) {
        RequestFields fields = new RequestFields(body);
        JsonObjectBuilder labels = CachedJson.createObjectBuilder();
        boolean any = false;
        if (body != null && body.containsKey("tags") && !body.isNull("tags")) {
            any = true;
            labels.add("tags", tags(fields, body.get("tags")));
        }
        if (body != null && body.containsKey("metadata") && !body.isNull("metadata")) {
            any = true;
            labels.add("metadata", metadata(fields, body.get("metadata")));
        }
        fields.check();
        if (!any) {
            return Optional.empty();
        }
        String json = labels.build().toString();
        if (json.length() > MessageLabels.MAX_CHARS) {
            fields.reject("metadata", "tags and metadata take at most " + MessageLabels.MAX_CHARS + " characters");
            fields.check();
        }
        return Optional.of(new MessageLabels(json));
    }

    private static JsonArrayBuilder tags(RequestFields fields, JsonValue value) {
        JsonArrayBuilder tags = CachedJson.createArrayBuilder();
        if (!(value instanceof JsonArray array)) {
            fields.reject("tags", "must be an array of tags");
            return tags;
        }
        if (array.size() > MAX_TAGS) {
            fields.reject("tags", "at most " + MAX_TAGS + " tags");
            return tags;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString tag
                    && TAG.matcher(tag.getString()).matches()) {
                tags.add(tag.getString());
            } else {
                fields.reject("tags[" + i + "]", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
            }
        }
        return tags;
    }

    private static JsonObjectBuilder metadata(RequestFields fields, JsonValue value) {
        JsonObjectBuilder metadata = CachedJson.createObjectBuilder();
        if (!(value instanceof JsonObject object)) {
            fields.reject("metadata", "must be an object of names to strings");
            return metadata;
        }
        if (object.size() > MAX_METADATA) {
            fields.reject("metadata", "at most " + MAX_METADATA + " entries");
            return metadata;
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = "metadata." + entry.getKey();
            if (!KEY.matcher(entry.getKey()).matches()) {
                fields.reject(name, "names are 1 to 64 letters, digits, '.', '_' or '-'");
            } else if (!(entry.getValue() instanceof JsonString text)
                    || text.getString().length() > MAX_VALUE
                    || text.getString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                fields.reject(name, "must be a string of at most " + MAX_VALUE + " characters, one line");
            } else {
                metadata.add(entry.getKey(), text.getString());
            }
        }
        return metadata;
    }
}

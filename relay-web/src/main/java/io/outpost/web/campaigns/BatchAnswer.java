package io.outpost.web.campaigns;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;

/**
 * What a campaign's batch made, kept with its idempotency key: if a crash comes after the key kept it and before the
 * campaign moved past the batch, the next run reads it back instead of sending again.
 *
 * @param messageIds the messages queued for the batch's subscribers
 * @param refused the batch's subscribers no message was queued for
 */
record BatchAnswer(List<Long> messageIds, int refused) {

    BatchAnswer {
        messageIds = List.copyOf(messageIds);
    }

    String json() {
        JsonArrayBuilder ids = CachedJson.createArrayBuilder();
        messageIds.forEach(ids::add);
        return CachedJson.createObjectBuilder()
                .add("messages", ids)
                .add("refused", refused)
                .build()
                .toString();
    }

    static BatchAnswer parse(String json) {
        try (JsonReader reader = CachedJson.createReader(new StringReader(json))) {
            JsonObject answer = reader.readObject();
            return new BatchAnswer(
                    answer.getJsonArray("messages").getValuesAs(JsonNumber.class).stream()
                            .map(JsonNumber::longValue)
                            .toList(),
                    answer.getInt("refused"));
        }
    }
}

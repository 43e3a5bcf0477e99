package io.outpost.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reading a message's story through the tenant API ({@code GET /api/v1/messages/{id}}) as tests wait on it. */
final class MessageStories {

    private MessageStories() {}

    /** The story of the message at {@code path} ({@code /messages/<id>}); a 200 is asserted. */
    static JsonObject story(ApiClient api, String path) throws Exception {
        return PublishedDomains.json(api.get(path), 200);
    }

    /** Reads the message's story until its one recipient is in {@code state}, for up to 30 s; the last state seen. */
    static String awaitState(ApiClient api, String path, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen;
        do {
            seen = story(api, path).getJsonArray("recipients").getJsonObject(0).getString("state");
            if (seen.equals(state)) {
                return seen;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    /** The tenant's stream events about a list's target, once at least {@code count} are published (or 10 s). */
    static List<JsonObject> listEvents(ApiClient api, String target, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<JsonObject> about = PublishedDomains.json(api.get("/events?limit=1000"), 200)
                    .getJsonArray("events")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .filter(event -> target.equals(event.getString("target", "")))
                    .toList();
            if (about.size() >= count || System.nanoTime() > deadline) {
                return about;
            }
            Thread.sleep(100);
        }
    }
}

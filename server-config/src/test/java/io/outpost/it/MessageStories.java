package io.outpost.it;

import jakarta.json.JsonObject;
import java.time.Duration;

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
}

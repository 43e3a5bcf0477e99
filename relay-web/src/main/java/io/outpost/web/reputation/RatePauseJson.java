package io.outpost.web.reputation;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.reputation.RatePause;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** Rate pauses as the API answers them. */
final class RatePauseJson {

    private RatePauseJson() {}

    static String list(List<RatePause> pauses) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        for (RatePause pause : pauses) {
            JsonObjectBuilder json = CachedJson.createObjectBuilder()
                    .add("tenant", pause.tenant().value())
                    .add("domain", pause.domain())
                    .add("active", pause.active())
                    .add("reason", pause.reason())
                    .add("pausedAt", pause.pausedAt().toString());
            pause.resumedAt().ifPresent(at -> json.add("resumedAt", at.toString()));
            pause.resumedBy().ifPresent(by -> json.add("resumedBy", by));
            array.add(json);
        }
        return CachedJson.createObjectBuilder().add("pauses", array).build().toString();
    }
}

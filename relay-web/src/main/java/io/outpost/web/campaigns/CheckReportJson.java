package io.outpost.web.campaigns;

import io.outpost.relay.checks.CheckResult;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.util.List;
import java.util.Locale;

/** Pre-send check results as the API shows them: each check's id, title, verdict (pass, warn, fail), why and fix. */
final class CheckReportJson {

    private CheckReportJson() {}

    static JsonArray of(List<CheckResult> results) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        for (CheckResult result : results) {
            array.add(CachedJson.createObjectBuilder()
                    .add("id", result.id())
                    .add("title", result.title())
                    .add("verdict", result.verdict().name().toLowerCase(Locale.ROOT))
                    .add("why", result.why())
                    .add("fix", result.fix()));
        }
        return array.build();
    }
}

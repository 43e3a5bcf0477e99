package io.outpost.web.checks;

import io.outpost.relay.checks.CheckReport;
import io.outpost.relay.checks.CheckResult;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Locale;

/**
 * A {@link CheckReport} as the API shows it: {@code {"checks": [{"id", "title", "verdict": "pass"|"warn"|"fail", "why",
 * "fix"}], "blocksSending"}}.
 */
public final class CheckReportJson {

    private CheckReportJson() {}

    public static JsonObject of(CheckReport report) {
        JsonArrayBuilder checks = CachedJson.createArrayBuilder();
        for (CheckResult result : report.results()) {
            checks.add(CachedJson.createObjectBuilder()
                    .add("id", result.id())
                    .add("title", result.title())
                    .add("verdict", result.verdict().name().toLowerCase(Locale.ROOT))
                    .add("why", result.why())
                    .add("fix", result.fix()));
        }
        return CachedJson.createObjectBuilder()
                .add("checks", checks)
                .add("blocksSending", report.blocksSending())
                .build();
    }
}

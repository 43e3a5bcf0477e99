package io.outpost.web.checks;

import io.outpost.relay.checks.CheckReport;
import io.outpost.relay.checks.CheckResult;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * A {@link CheckReport} as the API shows it: {@code {"checks": [{"id", "title", "verdict": "pass"|"warn"|"fail", "why",
 * "fix"}], "blocksSending"}}.
 */
public final class CheckReportJson {

    private CheckReportJson() {}

    public static JsonObject of(CheckReport report) {
        return CachedJson.createObjectBuilder()
                .add("checks", results(report.results()))
                .add("blocksSending", report.blocksSending())
                .build();
    }

    /** The results alone, each as in a report: what a campaign keeps and what its refusal lists. */
    public static JsonArray results(List<CheckResult> results) {
        JsonArrayBuilder checks = CachedJson.createArrayBuilder();
        for (CheckResult result : results) {
            checks.add(CachedJson.createObjectBuilder()
                    .add("id", result.id())
                    .add("title", result.title())
                    .add("verdict", result.verdict().name().toLowerCase(Locale.ROOT))
                    .add("why", result.why())
                    .add("fix", result.fix()));
        }
        return checks.build();
    }
}

package io.outpost.relay.checks;

import java.util.List;

/** Every check's result for one message, in the checks' order. */
public record CheckReport(List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }

    /** Whether a check failed: sending to an audience then needs an override with a reason. */
    public boolean blocksSending() {
        return !failures().isEmpty();
    }

    public List<CheckResult> failures() {
        return results.stream()
                .filter(result -> result.verdict() == CheckVerdict.FAIL)
                .toList();
    }
}

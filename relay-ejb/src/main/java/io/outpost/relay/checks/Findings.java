package io.outpost.relay.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What a check that looks at several things found, each with its verdict; the result is the worst of them. */
final class Findings {

    private record Finding(CheckVerdict verdict, String why, String fix) {}

    private final List<Finding> findings = new ArrayList<>();

    void add(CheckVerdict verdict, String why, String fix) {
        findings.add(new Finding(verdict, why, fix));
    }

    /** The worst verdict found, its problems first in {@code why}, or a pass saying {@code allWell}. */
    CheckResult result(String id, String title, String allWell) {
        CheckVerdict worst =
                findings.stream().map(Finding::verdict).max(Enum::compareTo).orElse(CheckVerdict.PASS);
        if (worst == CheckVerdict.PASS) {
            return CheckResult.pass(id, title, allWell);
        }
        List<Finding> problems = findings.stream()
                .filter(f -> f.verdict() != CheckVerdict.PASS)
                .sorted((a, b) -> b.verdict().compareTo(a.verdict()))
                .toList();
        return new CheckResult(
                id,
                title,
                worst,
                problems.stream().map(Finding::why).collect(Collectors.joining(" ")),
                problems.stream()
                        .map(Finding::fix)
                        .filter(fix -> !fix.isEmpty())
                        .distinct()
                        .collect(Collectors.joining(" ")));
    }
}

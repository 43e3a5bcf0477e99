package io.outpost.relay.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;

/** Runs every {@link PreSendCheck} on a message; the one place the UI, the API and a campaign's start ask. */
@ApplicationScoped
public class PreSendChecks {

    @Inject
    @Any
    private Instance<PreSendCheck> checks;

    public CheckReport run(CheckedMessage message) {
        return new CheckReport(checks.stream()
                .sorted(Comparator.comparingInt(PreSendCheck::order))
                .map(check -> check.check(message))
                .toList());
    }
}

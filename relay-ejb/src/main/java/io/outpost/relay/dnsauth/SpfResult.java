package io.outpost.relay.dnsauth;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of an SPF check: the verdict, the directive that decided it as written in the record (empty when none
 * matched or an error ended the check), and an explanation an operator can act on.
 */
public record SpfResult(SpfVerdict verdict, Optional<String> mechanism, String explanation) {

    public SpfResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(explanation, "explanation");
    }

    static SpfResult matched(SpfVerdict verdict, String mechanism, String explanation) {
        return new SpfResult(verdict, Optional.of(mechanism), explanation);
    }

    static SpfResult of(SpfVerdict verdict, String explanation) {
        return new SpfResult(verdict, Optional.empty(), explanation);
    }
}

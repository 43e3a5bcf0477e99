package io.outpost.relay.audience;

import java.time.Instant;
import java.util.Optional;

/**
 * What shows that a subscriber agreed (GDPR Art. 7(1)): how and when it was asked and from where, which wording they
 * agreed to, and when and from where they confirmed it.
 *
 * @param consent the version of the audience's consent text they were shown, with its wording; or, for a subscriber
 *     imported or subscribed by an API caller that stated its own wording, that wording as version 0
 * @param origin for an import, where the tenant says it collected the consent (its own form, a shop's checkout)
 * @param confirmedAt when the subscriber followed the confirmation link, or, for an import, when the tenant says they
 *     consented
 * @param confirmedFrom where the confirmation came from
 */
public record ConsentProof(
        ConsentSource source,
        Instant requestedAt,
        Origin requestedFrom,
        Optional<ConsentText> consent,
        Optional<String> origin,
        Optional<Instant> confirmedAt,
        Origin confirmedFrom) {}

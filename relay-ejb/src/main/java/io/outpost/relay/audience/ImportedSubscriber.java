package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One imported subscriber, confirmed on the proof the tenant already holds.
 *
 * @param consentedAt when the tenant says they consented
 * @param from where the tenant says the consent came from
 * @param wording the text they agreed to, as the tenant states it; empty for the audience's current version
 * @param origin where the tenant collected it (its own form, a shop's checkout)
 */
public record ImportedSubscriber(
        EmailAddress address,
        SubscriberAttributes attributes,
        Instant consentedAt,
        Origin from,
        Optional<String> wording,
        Optional<String> origin) {}

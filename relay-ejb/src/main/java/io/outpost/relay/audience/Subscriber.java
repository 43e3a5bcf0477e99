package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One subscriber of an audience with the proof of their consent.
 *
 * @param confirmationMessageId the last confirmation message queued for them
 * @param unsubscribedAt when they withdrew their consent
 */
public record Subscriber(
        long id,
        AudienceId audience,
        EmailAddress address,
        SubscriberAttributes attributes,
        SubscriberState state,
        ConsentProof proof,
        OptionalLong confirmationMessageId,
        Optional<Instant> unsubscribedAt) {}

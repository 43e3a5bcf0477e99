package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to subscribe, from the API or the hosted form, which starts a double opt-in.
 *
 * @param shownVersion the version of the consent text the form showed; empty for the audience's current one
 * @param statedConsent the wording an API caller says it showed, when it is not one of the audience's versions
 */
public record SubscribeRequest(
        EmailAddress address,
        SubscriberAttributes attributes,
        ConsentSource source,
        Origin origin,
        OptionalInt shownVersion,
        Optional<String> statedConsent) {}

package io.outpost.relay.audience;

import java.net.URI;
import java.util.Optional;

/**
 * What a tenant sets of an audience.
 *
 * @param consent the wording subscribers agree to now; a wording other than the current one becomes a new version
 * @param redirect where the subscriber's browser goes once confirmed; empty for Outpost's own page
 */
public record AudienceSettings(String name, String consent, ConfirmationMessage confirmation, Optional<URI> redirect) {

    public static final int MAX_NAME = 200;

    public AudienceSettings {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: 1 to " + MAX_NAME + " characters");
        }
        ConsentText.checked(consent);
    }
}

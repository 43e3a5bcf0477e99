package io.outpost.web.security;

import io.outpost.relay.tenant.PresentedApiKey;
import java.util.Optional;

/** The id of the API key a tenant request was authenticated with (its public part, safe to log and count by). */
public final class CallerApiKey {

    private CallerApiKey() {}

    /** The key id in an {@code Authorization: Bearer} header, or empty for any other header. */
    public static Optional<String> keyId(String authorizationHeader) {
        return AuthorizationHeader.parse(authorizationHeader) instanceof AuthorizationHeader.Bearer bearer
                ? PresentedApiKey.parse(bearer.token()).map(PresentedApiKey::keyId)
                : Optional.empty();
    }
}

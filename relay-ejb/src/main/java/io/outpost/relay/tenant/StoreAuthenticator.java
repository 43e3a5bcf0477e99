package io.outpost.relay.tenant;

import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * SMTP AUTH against the built-in credential store: an active credential whose hash matches is authenticated as its
 * tenant; anything else is rejected. A user name that does not exist (or is revoked) is checked against a dummy hash, so
 * it costs the same time as a wrong password and timing does not tell which names exist.
 */
public final class StoreAuthenticator implements Authenticator {

    private final Function<String, Optional<StoredCredential>> credentials;
    private final BiConsumer<String, Instant> recordUse;
    private final Secrets secrets;
    private final Clock clock;

    /**
     * @param credentials the active credential of a user name
     * @param recordUse records a successful use; should not block (the store's is asynchronous)
     */
    public StoreAuthenticator(
            Function<String, Optional<StoredCredential>> credentials,
            BiConsumer<String, Instant> recordUse,
            Secrets secrets,
            Clock clock) {
        this.credentials = credentials;
        this.recordUse = recordUse;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public AuthResult authenticate(String username, char[] password, InetAddress client) {
        Optional<StoredCredential> credential = credentials.apply(username);
        boolean valid = credential.isPresent()
                ? secrets.verify(password, credential.get().passwordHash())
                : secrets.verifyUnknown(password);
        if (!valid) {
            return new AuthResult.Rejected();
        }
        StoredCredential found = credential.get();
        recordUse.accept(found.username(), clock.instant());
        return new AuthResult.Authenticated(new Identity(found.tenant().value(), found.username()));
    }
}

package io.outpost.relay.tenant;

import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.tenant.CredentialId;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The built-in credential store as an authentication check like any other, named {@value #NAME} and placed in the
 * operator's order with the plugins: an active credential whose hash matches is accepted as its tenant; a wrong
 * password is rejected; a user name the store does not know (or has revoked) continues, so a later check may know it.
 * That name is checked against a dummy hash first, so it costs the same time as a wrong password and timing does not
 * tell which names exist.
 */
public final class CredentialStoreCheck implements AuthenticationCheck {

    public static final String NAME = "credential-store";

    private final Function<String, Optional<StoredCredential>> credentials;
    private final BiConsumer<String, Instant> recordUse;
    private final Secrets secrets;
    private final Clock clock;

    /**
     * @param credentials the active credential of a user name
     * @param recordUse records a successful use; should not block (the store's is asynchronous)
     */
    public CredentialStoreCheck(
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
    public String name() {
        return NAME;
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        char[] password = attempt.password().chars();
        try {
            Optional<StoredCredential> credential = credentials.apply(attempt.username());
            if (credential.isEmpty()) {
                secrets.verifyUnknown(password);
                return AuthenticationResult.unknownUser("no active credential named " + attempt.username());
            }
            StoredCredential found = credential.get();
            if (!secrets.verify(password, found.passwordHash())) {
                return AuthenticationResult.rejected("wrong password for " + found.username());
            }
            recordUse.accept(found.username(), clock.instant());
            return AuthenticationResult.accepted(
                    new AuthenticatedPrincipal(found.tenant(), CredentialId.of(found.username())),
                    "credential of tenant " + found.tenant().value());
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}

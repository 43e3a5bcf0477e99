package io.outpost.relay.plugin.fakes;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;

/** A bundled check without settings. */
public class BetaCheck implements AuthenticationCheck {

    public volatile boolean closed;

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        return AuthenticationResult.unknownUser("beta");
    }

    @Override
    public void close() {
        closed = true;
    }
}

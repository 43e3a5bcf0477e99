package io.outpost.relay.plugin.fakes;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;

/** Listed in no services file on the class path: the registry test packs it into a jar in a plugin directory. */
public class JarOnlyCheck implements AuthenticationCheck {

    @Override
    public String name() {
        return "jar-only";
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        return AuthenticationResult.rejected("jar-only says no");
    }
}

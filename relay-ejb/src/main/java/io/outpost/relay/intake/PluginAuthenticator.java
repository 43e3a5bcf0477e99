package io.outpost.relay.intake;

import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Secret;
import io.outpost.relay.plugin.PluginChain;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;

/**
 * SMTP AUTH through the authentication checks (the operator's plugins and the built-in credential store), in their
 * configured order: the first that accepts or rejects decides; one that fails or runs out of time defers the client
 * (454 4.7.0, RFC 4954 §6) — never a pass. When every check continues, nobody knows the user: rejected.
 */
final class PluginAuthenticator implements Authenticator {

    private final PluginChain<AuthenticationCheck, AuthenticationResult> checks;

    PluginAuthenticator(PluginChain<AuthenticationCheck, AuthenticationResult> checks) {
        this.checks = checks;
    }

    @Override
    public AuthResult authenticate(String username, char[] password, InetAddress client) {
        // AUTH is only offered over TLS (RFC 4954 §4), so every attempt that reaches here is encrypted.
        AuthenticationAttempt attempt = new AuthenticationAttempt(
                username, Secret.of(password), client, true, AuthenticationAttempt.Protocol.SMTP);
        AuthenticationResult result = checks.run(check -> check.check(attempt));
        return switch (result.verdict().kind()) {
            case ACCEPT -> new AuthResult.Authenticated(
                    identity(result.principal().orElseThrow()));
                // A check's own reply reaches the client as it gave it; a failed check has none (454 4.7.0).
            case DEFER -> new AuthResult.TemporaryFailure(
                    result.verdict().reason(), result.verdict().reply());
            case REJECT -> new AuthResult.Rejected(result.verdict().reply());
            case CONTINUE -> new AuthResult.Rejected();
        };
    }

    private static Identity identity(AuthenticatedPrincipal principal) {
        return new Identity(principal.tenant(), principal.credential().value());
    }
}

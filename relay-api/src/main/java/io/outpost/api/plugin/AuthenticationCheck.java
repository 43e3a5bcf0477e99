package io.outpost.api.plugin;

/**
 * Decides a login: called once for each SMTP AUTH attempt and each HTTP API key presented.
 *
 * <h2>Order</h2>
 *
 * <p>The enabled checks are called in the operator's order; the relay's built-in credential store is one of them
 * ({@code credential-store}), placed in that order like any plugin. The first that answers something other than
 * CONTINUE decides; the checks after it are not called. If every check answers CONTINUE, nobody knows the user and the
 * login is refused. So:
 *
 * <ul>
 *   <li>answer {@link AuthenticationResult#unknownUser CONTINUE} for a user this check does not know, so that the next
 *       check can decide;
 *   <li>answer {@link AuthenticationResult#rejected REJECT} for a user it knows whose secret is wrong;
 *   <li>answer {@link AuthenticationResult#accepted ACCEPT} with the {@link AuthenticatedPrincipal} for a right one;
 *   <li>answer {@link AuthenticationResult#deferred DEFER} when it cannot tell now (its directory is unreachable).
 * </ul>
 *
 * <p>A check that throws or exceeds its time limit counts as DEFER: the client gets {@code 454 4.7.0} on SMTP (RFC 4954
 * §6) and may try again; it is never logged in by a failure.
 *
 * <h2>Security</h2>
 *
 * <p>Do not reveal through timing whether a user exists: spend the same work on an unknown user as on a known one (for
 * example verify against a dummy hash). Never log the secret; {@link Secret} does not print itself. The relay counts
 * and throttles failed attempts itself.
 */
public interface AuthenticationCheck extends Plugin {

    /**
     * Decides one attempt. Called from many threads at once.
     *
     * @return never null; a principal exactly when the verdict is ACCEPT
     */
    AuthenticationResult check(AuthenticationAttempt attempt);
}

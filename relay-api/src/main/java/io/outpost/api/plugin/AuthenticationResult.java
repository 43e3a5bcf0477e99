package io.outpost.api.plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of an {@link AuthenticationCheck}: a verdict, and on ACCEPT (only then) the principal that logged in.
 */
public record AuthenticationResult(Verdict verdict, Optional<AuthenticatedPrincipal> principal) {

    public AuthenticationResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(principal, "principal");
        if ((verdict.kind() == Verdict.Kind.ACCEPT) != principal.isPresent()) {
            throw new IllegalArgumentException("a principal comes with ACCEPT and only with ACCEPT");
        }
    }

    /** The credentials are right: {@code principal} is logged in. */
    public static AuthenticationResult accepted(AuthenticatedPrincipal principal, String reason) {
        return new AuthenticationResult(Verdict.accept(reason), Optional.of(principal));
    }

    /** This check does not know the user: the next check decides. */
    public static AuthenticationResult unknownUser(String reason) {
        return new AuthenticationResult(Verdict.proceed(reason), Optional.empty());
    }

    /** The credentials are wrong: {@code 535 5.7.8} on SMTP (RFC 4954 §6), 401 on HTTP. */
    public static AuthenticationResult rejected(String reason) {
        return new AuthenticationResult(Verdict.reject(reason), Optional.empty());
    }

    /** The check cannot decide now (its user store is unreachable): a temporary failure. */
    public static AuthenticationResult deferred(String reason) {
        return new AuthenticationResult(Verdict.defer(reason), Optional.empty());
    }

    /** A result carrying {@code verdict}, which must not be ACCEPT (an ACCEPT needs a principal). */
    public static AuthenticationResult of(Verdict verdict) {
        return new AuthenticationResult(verdict, Optional.empty());
    }
}

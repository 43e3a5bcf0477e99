package io.outpost.relay.smtp.auth;

/** What an {@link Authenticator} decided about one set of credentials. */
public sealed interface AuthResult {

    /** The credentials are valid and belong to {@code identity}: the session answers 235 2.7.0. */
    record Authenticated(Identity identity) implements AuthResult {
        public Authenticated {
            if (identity == null) {
                throw new IllegalArgumentException("identity is required");
            }
        }
    }

    /** The credentials are wrong: the session answers 535 5.7.8 and counts a failure for the throttle. */
    record Rejected() implements AuthResult {}

    /**
     * The credentials could not be checked now (directory down): the session answers 454 4.7.0 and counts no failure.
     * The reason is logged, never sent to the client.
     */
    record TemporaryFailure(String reason) implements AuthResult {}
}

package io.outpost.relay.smtp.auth;

import io.outpost.api.mail.SmtpReply;
import java.util.Optional;

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

    /**
     * The credentials are refused: the session answers {@code reply} (a check's own, as it gave it) or 535 5.7.8, and
     * counts a failure for the throttle.
     */
    record Rejected(Optional<SmtpReply> reply) implements AuthResult {

        /** Refused with the standard reply. */
        public Rejected() {
            this(Optional.empty());
        }
    }

    /**
     * The credentials could not be checked now (directory down): the session answers {@code reply} (a check's own) or
     * 454 4.7.0, and counts no failure. The reason is logged, never sent to the client.
     */
    record TemporaryFailure(String reason, Optional<SmtpReply> reply) implements AuthResult {

        /** A failure of the relay's own: the standard reply. */
        public TemporaryFailure(String reason) {
            this(reason, Optional.empty());
        }
    }
}

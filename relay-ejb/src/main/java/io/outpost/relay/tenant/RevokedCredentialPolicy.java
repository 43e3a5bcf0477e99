package io.outpost.relay.tenant;

import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.smtp.auth.Identity;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ends what a revoked SMTP credential can do in a session that logged in before the revocation: its next MAIL FROM is
 * refused, before the sender binding of {@code next} is asked. The state comes from memory ({@link CredentialStates}),
 * so the check costs no query and no password verification.
 *
 * <p>The refusal is {@code 530 5.7.8}: RFC 4954 §6 gives 530 to a command that needs authentication the session no
 * longer has, and 5.7.8 (RFC 3463, "authentication credentials invalid") says why. It is permanent because retrying
 * with the same credential can never succeed; the client has to log in again, in a new session, with a valid one.
 */
public final class RevokedCredentialPolicy implements SenderPolicy {

    static final SmtpReply REVOKED = SmtpReply.of(
            530, "5.7.8", "Authentication credentials invalid: revoked since this session logged in; log in again");

    private final SenderPolicy next;
    private final Function<Identity, CredentialState> states;

    /** @param states the state of an identity's credential, read from memory */
    public RevokedCredentialPolicy(SenderPolicy next, Function<Identity, CredentialState> states) {
        this.next = next;
        this.states = states;
    }

    @Override
    public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
        if (states.apply(identity) instanceof CredentialState.Inactive) {
            return Optional.of(REVOKED);
        }
        return next.checkSender(identity, sender);
    }

    /** Left to {@code next}: a revocation during the message is caught by the sending limits (451 4.7.0). */
    @Override
    public Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers) {
        return next.checkHeaderFrom(identity, headers);
    }
}

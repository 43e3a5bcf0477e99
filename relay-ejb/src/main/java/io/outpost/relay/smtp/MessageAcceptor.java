package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import java.util.OptionalLong;

/**
 * Commits a message durably. Called on the session's thread; blocks until the commit is done (or failed). Returns the
 * reply the session sends: 250 2.0.0 "Ok: queued as &lt;id&gt;" on success, 451 4.3.0 if the commit failed. Must not
 * throw for expected failures; if it throws anyway, the session replies 451 4.3.0 and carries on.
 */
public interface MessageAcceptor {

    SmtpReply accept(ReceivedMessage message);

    /**
     * Records a whole message a policy refused for good (over SMTP at the end of its data, over HTTP at any phase), so
     * its tenant finds it with its story; returns the id it is found by, or empty when it is not recorded: a temporary
     * refusal, which the client retries, and mail that is no tenant's (anyone may send it) are only logged. Must not
     * throw for expected failures: the refusal stands whether or not it could be recorded.
     */
    OptionalLong refused(RefusedSubmission refused);
}

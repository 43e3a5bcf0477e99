package io.outpost.relay.tenant;

import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.auth.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The limits of a tenant's SMTP credential or API key: recipients per message and messages per hour, both {@code 451
 * 4.7.1} when exceeded. The hourly count is a fixed one-hour window per credential, starting with its first message, in
 * this server's memory: with several servers each counts its own messages, and a restart starts the count afresh.
 *
 * <p>Missing limits never mean no limits (fail closed): a credential revoked since it logged in gets {@code 451
 * 4.7.0}, and limits that cannot be read (the database is down, a stored value is invalid) get {@code 451 4.3.0}, both
 * temporary so that nothing is lost while an operator looks. Only what the store does not keep at all (a plugin's
 * users, trusted networks: {@link CredentialState.NotStored}) and credentials whose limits are explicitly empty are not
 * counted. Thread-safe.
 */
public final class CredentialSendingLimits implements SendingLimits {

    static final Duration WINDOW = Duration.ofHours(1);

    // Beyond this many remembered credentials, finished windows are dropped, bounding memory.
    private static final int PRUNE_THRESHOLD = 10_000;

    private static final class Window {
        private final Instant start;
        private int messages;

        private Window(Instant start) {
            this.start = start;
        }
    }

    private static final Logger LOG = Logger.getLogger(CredentialSendingLimits.class.getName());

    private final Function<Identity, CredentialState> states;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>(); // guarded by this

    /** @param states the state of an identity's credential, with its limits if it is active */
    public CredentialSendingLimits(Function<Identity, CredentialState> states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @Override
    public Optional<SmtpReply> checkMessage(Identity identity, int recipientCount) {
        Optional<CredentialState> read = stateOf(identity);
        if (read.isEmpty()) {
            return Optional.of(SmtpReply.of(
                    451, "4.3.0", "Sending limits of " + identity.username() + " cannot be read now; try again later"));
        }
        CredentialState state = read.get();
        if (state instanceof CredentialState.NotStored) {
            return Optional.empty();
        }
        if (!(state instanceof CredentialState.Active active)) {
            // RFC 3463 X.7.0: a security reason; temporary, as the owner may be given a new credential meanwhile.
            return Optional.of(SmtpReply.of(451, "4.7.0", identity.username() + " is no longer active"));
        }
        CredentialLimits limit = active.limits();
        if (limit.recipientsPerMessage() != null && recipientCount > limit.recipientsPerMessage()) {
            // A policy limit of the account (RFC 3463 X.7.1), temporary like the hourly one: the client may send the
            // same recipients again, split over several messages.
            return Optional.of(SmtpReply.of(
                    451,
                    "4.7.1",
                    "Recipient limit reached for " + identity.username() + ": at most " + limit.recipientsPerMessage()
                            + " per message"));
        }
        if (limit.messagesPerHour() != null && !countMessage(identity.username(), limit.messagesPerHour())) {
            return Optional.of(SmtpReply.of(451, "4.7.1", "Hourly message limit reached for " + identity.username()));
        }
        return Optional.empty();
    }

    /** The identity's state, or empty if it cannot be read (the look-up failed or answered nothing). */
    private Optional<CredentialState> stateOf(Identity identity) {
        try {
            return Optional.ofNullable(states.apply(identity));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the sending limits of " + LogText.of(identity.username()), e);
            return Optional.empty();
        }
    }

    private synchronized boolean countMessage(String username, int perHour) {
        Instant now = clock.instant();
        if (windows.size() > PRUNE_THRESHOLD) {
            windows.values().removeIf(w -> !now.isBefore(w.start.plus(WINDOW)));
        }
        Window window = windows.get(username);
        if (window == null || !now.isBefore(window.start.plus(WINDOW))) {
            window = new Window(now);
            windows.put(username, window);
        }
        if (window.messages >= perHour) {
            return false;
        }
        window.messages++;
        return true;
    }
}

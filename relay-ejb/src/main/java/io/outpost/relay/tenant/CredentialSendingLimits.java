package io.outpost.relay.tenant;

import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.smtp.auth.SendingLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The limits of a tenant's SMTP credential: recipients per message and messages per hour, both {@code 451 4.7.1}
 * when exceeded. The hourly count is a fixed one-hour window per credential, starting with its first message, in
 * this server's memory: with several servers each counts its own messages, and a restart starts the count afresh.
 * Identities without limits (htpasswd users, credentials with none) are not counted. Thread-safe.
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

    private final Function<Identity, Optional<CredentialLimits>> limits;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>(); // guarded by this

    /** @param limits the limits of an identity's credential, empty if it has none */
    public CredentialSendingLimits(Function<Identity, Optional<CredentialLimits>> limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Optional<SmtpReply> checkMessage(Identity identity, int recipientCount) {
        Optional<CredentialLimits> found = limits.apply(identity);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CredentialLimits limit = found.get();
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

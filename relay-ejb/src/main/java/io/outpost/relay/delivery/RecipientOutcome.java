package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.ClientConnection;
import java.util.Optional;

/**
 * What happened to one recipient in one delivery attempt: the reply that decided it, and the host that gave it (empty
 * when the relay decided without reaching one, e.g. after a DNS failure).
 */
public record RecipientOutcome(
        EmailAddress recipient,
        Kind kind,
        SmtpReply reply,
        Optional<RemoteHost> remoteHost,
        Optional<ClientConnection.Tls> tls) {

    static final SmtpReply CAPTURED_REPLY =
            SmtpReply.of(250, "2.0.0", "Captured by Outpost's sandbox: kept as it would have been sent, not delivered");

    /**
     * The ways an attempt ends for a recipient: by the reply's class (RFC 5321 §4.2.1), or before any host is asked,
     * suppressed or captured by the sandbox.
     */
    public enum Kind {
        /** 2xx: the receiving host took responsibility; remove from the queue. */
        DELIVERED,
        /** 4xx: try again later, until the retry policy gives up. */
        DEFERRED,
        /** 5xx: never going to work; send a DSN to the sender. */
        BOUNCED,
        /** A suppression policy refused the recipient (a 5xx of its own) before any host was asked; a DSN as for BOUNCED. */
        SUPPRESSED,
        /** Kept by the sandbox (capture mode) exactly as it would have left, and never sent: no host was asked. */
        CAPTURED;

        static Kind of(SmtpReply reply) {
            if (reply.isPositive()) {
                return DELIVERED;
            }
            return reply.isTransientFailure() ? DEFERRED : BOUNCED;
        }
    }

    public RecipientOutcome {
        if (recipient == null || kind == null || reply == null || remoteHost == null || tls == null) {
            throw new IllegalArgumentException("outcome needs recipient, kind, reply, remote host and TLS");
        }
        boolean fits =
                switch (kind) {
                    case SUPPRESSED -> reply.isPermanentFailure();
                    case CAPTURED -> reply.isPositive();
                    default -> kind == Kind.of(reply);
                };
        if (!fits) {
            throw new IllegalArgumentException(kind + " does not fit reply " + reply);
        }
    }

    /** The outcome the reply's class implies. */
    public static RecipientOutcome of(EmailAddress recipient, SmtpReply reply, Optional<RemoteHost> remoteHost) {
        return new RecipientOutcome(recipient, Kind.of(reply), reply, remoteHost, Optional.empty());
    }

    /** The outcome the reply's class implies, given by a host over a connection with this TLS (empty: plain). */
    public static RecipientOutcome of(
            EmailAddress recipient, SmtpReply reply, RemoteHost remoteHost, Optional<ClientConnection.Tls> tls) {
        return new RecipientOutcome(recipient, Kind.of(reply), reply, Optional.of(remoteHost), tls);
    }

    /** Refused by a suppression policy with its permanent {@code reply}, no host asked. */
    public static RecipientOutcome suppressed(EmailAddress recipient, SmtpReply reply) {
        return new RecipientOutcome(recipient, Kind.SUPPRESSED, reply, Optional.empty(), Optional.empty());
    }

    /** Kept by the sandbox instead of an attempt: Outpost's own {@code 250} says so. */
    public static RecipientOutcome captured(EmailAddress recipient) {
        return new RecipientOutcome(recipient, Kind.CAPTURED, CAPTURED_REPLY, Optional.empty(), Optional.empty());
    }

    /**
     * One line for logs, the queue's last error and the message's story: {@code host over TLSv1.3 <cipher> said: 550
     * 5.1.1 text}, or {@code host without TLS said: …} for a plain connection.
     */
    public String describe() {
        return remoteHost
                        .map(host -> host
                                + tls.map(t -> " over " + t.protocol() + " " + t.cipherSuite())
                                        .orElse(" without TLS")
                                + " said: ")
                        .orElse("")
                + reply;
    }
}

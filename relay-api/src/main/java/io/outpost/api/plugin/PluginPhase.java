package io.outpost.api.plugin;

import io.outpost.api.mail.SmtpReply;
import java.util.Optional;

/**
 * The points of a message's way through the relay, in the order a message meets them; the phase is recorded with every
 * decision ({@link PluginDecision}). Plugins are asked at AUTH ({@link AuthenticationCheck}); at CONNECT, HELO, MAIL,
 * RCPT and MESSAGE ({@link SubmissionPolicy}, over SMTP and HTTP alike); at RCPT and PRE_DELIVERY ({@link
 * SuppressionPolicy}); and periodically at BLOCKLIST ({@link BlocklistMonitor}).
 */
public enum PluginPhase {
    /** A client connected (SMTP). */
    CONNECT,
    /** The client said HELO or EHLO (SMTP). */
    HELO,
    /** An SMTP AUTH or HTTP API key attempt ({@link AuthenticationCheck}). */
    AUTH,
    /** The envelope sender is given (SMTP MAIL FROM, or the sender of an HTTP submission). */
    MAIL,
    /**
     * A recipient is given: SMTP RCPT TO, or each recipient of an HTTP submission ({@link SuppressionPolicy} is asked
     * here first).
     */
    RCPT,
    /** The whole message is known, before it is queued. */
    MESSAGE,
    /** Just before each delivery attempt, per recipient ({@link SuppressionPolicy} is asked here again). */
    PRE_DELIVERY,
    /** The periodic look-up of the relay's sending IP addresses and domains ({@link BlocklistMonitor}). */
    BLOCKLIST;

    // RFC 5321 §3.1: a server that will not talk to a client says 554 in its greeting, or 421 and closes.
    private static final SmtpReply CONNECT_REJECT = SmtpReply.of(554, "5.7.1", "Connection refused by policy");
    private static final SmtpReply CONNECT_DEFER =
            SmtpReply.of(421, "4.3.0", "Service not available now, closing connection");
    // RFC 4954 §6: 535 5.7.8 for credentials refused, 454 4.7.0 for a temporary authentication failure.
    private static final SmtpReply AUTH_REJECT = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    private static final SmtpReply AUTH_DEFER = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");

    /**
     * The one table of default replies: what a client is told when a plugin refuses at this phase without a reply of
     * its own, or fails (a DEFER). REJECT and DEFER only; CONTINUE and ACCEPT have none.
     */
    public Optional<SmtpReply> defaultReply(Verdict.Kind kind) {
        return switch (kind) {
            case REJECT -> Optional.of(
                    switch (this) {
                        case CONNECT -> CONNECT_REJECT;
                        case AUTH -> AUTH_REJECT;
                        default -> Verdict.DEFAULT_REJECT;
                    });
            case DEFER -> Optional.of(
                    switch (this) {
                        case CONNECT -> CONNECT_DEFER;
                        case AUTH -> AUTH_DEFER;
                        default -> Verdict.DEFAULT_DEFER;
                    });
            case CONTINUE, ACCEPT -> Optional.empty();
        };
    }
}

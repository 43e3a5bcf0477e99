package io.outpost.api.plugin;

/**
 * The points of a message's way through the relay, in the order a message meets them; the phase is recorded with every
 * decision ({@link PluginDecision}). Plugins are asked at AUTH ({@link AuthenticationCheck}), RCPT and PRE_DELIVERY
 * ({@link SuppressionPolicy}), and periodically at BLOCKLIST ({@link BlocklistMonitor}); CONNECT, HELO, MAIL and MESSAGE
 * are named for the policy pipeline that comes next, and no plugin type is asked there yet.
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
    BLOCKLIST
}

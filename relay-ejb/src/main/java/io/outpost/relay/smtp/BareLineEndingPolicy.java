package io.outpost.relay.smtp;

/**
 * What DATA does with a CR or LF that is not part of a CRLF pair (RFC 5321 §2.3.8 forbids them). Such bytes are the
 * raw material of SMTP smuggling, so they never end the data either way.
 */
public enum BareLineEndingPolicy {
    /** Refuse the message with 550 5.6.11 once the real end of data is read. */
    REJECT,
    /** Turn each bare CR or LF into CRLF and accept the message. */
    NORMALISE
}

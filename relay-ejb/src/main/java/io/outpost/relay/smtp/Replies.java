package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import java.util.List;

/** The fixed replies of the session, in one table so the wording and status codes stay consistent (RFC 3463). */
final class Replies {

    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
    static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender ok");
    static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient ok");
    static final SmtpReply RESET_OK = SmtpReply.of(250, "2.0.0", "Reset");
    static final SmtpReply START_DATA = SmtpReply.intermediate(354, "End data with <CR><LF>.<CR><LF>");
    static final SmtpReply HELP = SmtpReply.of(
            214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY; see RFC 5321");
    // RFC 5321 §3.5.3: 252 says "cannot verify" without disclosing whether the mailbox exists.
    static final SmtpReply CANNOT_VERIFY =
            SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    // RFC 5321 §3.5.2 and §7.3: list expansion discloses addresses, so EXPN is switched off.
    static final SmtpReply EXPN_DISABLED = SmtpReply.of(502, "5.5.1", "EXPN not available");

    static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.2", "Line too long");
    static final SmtpReply BARE_LINE_ENDING_IN_COMMAND =
            SmtpReply.of(500, "5.5.2", "Bare CR or LF not allowed in a command line");
    static final SmtpReply INVALID_UTF8_IN_COMMAND = SmtpReply.of(500, "5.5.2", "Command is not valid UTF-8");
    static final SmtpReply UNKNOWN_COMMAND = SmtpReply.of(500, "5.5.2", "Command not recognized");
    static final SmtpReply SYNTAX_ERROR = SmtpReply.of(501, "5.5.4", "Syntax error in parameters or arguments");
    static final SmtpReply INVALID_HELO = SmtpReply.of(501, "5.5.4", "EHLO/HELO needs a domain or address literal");
    static final SmtpReply UNKNOWN_PARAMETER =
            SmtpReply.of(555, "5.5.4", "Parameter not recognized or not implemented");
    static final SmtpReply INVALID_SENDER = SmtpReply.of(501, "5.1.7", "Invalid sender address syntax");
    static final SmtpReply INVALID_RECIPIENT = SmtpReply.of(501, "5.1.3", "Invalid recipient address syntax");
    // RFC 5321 §4.1.1.3 and Appendix C: source routes are an old open-relay trick; refuse instead of stripping them.
    static final SmtpReply SENDER_SOURCE_ROUTE_REFUSED =
            SmtpReply.of(501, "5.1.7", "Source routes are not accepted; give the sender mailbox only");
    static final SmtpReply SOURCE_ROUTE_REFUSED =
            SmtpReply.of(501, "5.1.3", "Source routes are not accepted; give the final mailbox only");
    static final SmtpReply UTF8_NEEDS_SMTPUTF8 =
            SmtpReply.of(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter on MAIL FROM");
    // RFC 1870 §6: 552 for a message larger than the fixed maximum, whether declared or counted.
    static final SmtpReply MESSAGE_TOO_BIG =
            SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    // RFC 3463 X.7.1: refused by policy; 4xx as the client may send again in the next minute.
    static final SmtpReply UNAUTHENTICATED_RATE_EXCEEDED =
            SmtpReply.of(450, "4.7.1", "Too many messages from your address without authentication; try again later");
    static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    static final SmtpReply BARE_LINE_ENDING_IN_DATA =
            SmtpReply.of(550, "5.6.11", "Bare CR or LF not allowed (SMTP smuggling defence)");
    static final SmtpReply COMMIT_FAILED = SmtpReply.of(451, "4.3.0", "Temporary failure while queueing; try again");
    // RFC 5321 §4.2.2 452 and RFC 3463 X.3.1: the spool could not store the message; nothing was kept.
    static final SmtpReply INSUFFICIENT_STORAGE =
            SmtpReply.of(452, "4.3.1", "Insufficient system storage for this message; try again later");
    // RFC 3463 §3.5 X.3.1: mail system full — the cap on message bytes in flight is reached; RFC 5321 §4.2.2: 452.
    static final SmtpReply MAIL_SYSTEM_FULL =
            SmtpReply.of(452, "4.3.1", "Too many messages in progress; try again shortly");
    // RFC 3463 §3.5 X.3.4: too big for the system — Outpost reads a header section into memory, so it is bounded.
    static final SmtpReply HEADER_SECTION_TOO_LARGE = SmtpReply.of(
            552,
            "5.3.4",
            "Header section exceeds " + io.outpost.relay.content.MessageContent.MAX_HEADER_OCTETS + " octets");

    static final SmtpReply HELO_FIRST = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Sender already given; send RSET first");
    static final SmtpReply MAIL_FIRST = SmtpReply.of(503, "5.5.1", "Send MAIL first");
    // RFC 3030 §2: DATA and BDAT may not be mixed within one transaction.
    static final SmtpReply DATA_AFTER_BDAT = SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT");
    // RFC 5321 §3.3: with MAIL given but every RCPT refused, DATA gets "no valid recipients".
    static final SmtpReply NO_VALID_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");

    // RFC 3207 §4: 220 before the handshake; 503 for a second STARTTLS, as the session is already protected.
    static final SmtpReply READY_TO_START_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    static final SmtpReply TLS_ALREADY_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS already active");
    static final SmtpReply STARTTLS_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "STARTTLS not available");

    // RFC 4954 §4 and §6: the replies of the AUTH exchange.
    static final SmtpReply AUTH_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "AUTH not available");
    static final SmtpReply ENCRYPTION_REQUIRED =
            SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    static final SmtpReply UNKNOWN_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication mechanism");
    static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    static final SmtpReply AUTH_IN_TRANSACTION =
            SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
    static final SmtpReply INVALID_BASE64 = SmtpReply.of(501, "5.5.2", "Invalid base64 data");
    static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.0.0", "Authentication cancelled");
    static final SmtpReply MALFORMED_CREDENTIALS = SmtpReply.of(501, "5.5.2", "Malformed authentication response");
    static final SmtpReply PROXY_AUTH_REFUSED =
            SmtpReply.of(535, "5.7.8", "Authentication credentials invalid: acting as another user is not supported");
    static final SmtpReply AUTH_INVALID = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    static final SmtpReply AUTH_TEMPORARY_FAILURE = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
    static final SmtpReply AUTH_OK = SmtpReply.of(235, "2.7.0", "Authentication successful");
    static final SmtpReply AUTH_BLOCKED =
            SmtpReply.of(421, "4.7.0", "Too many failed authentications, try again later");
    // RFC 4616 §2: PLAIN starts with an empty challenge; LOGIN asks "Username:" and "Password:", base64-encoded.
    static final SmtpReply PLAIN_CHALLENGE = SmtpReply.intermediate(334, "");
    static final SmtpReply USERNAME_CHALLENGE = SmtpReply.intermediate(334, "VXNlcm5hbWU6");
    static final SmtpReply PASSWORD_CHALLENGE = SmtpReply.intermediate(334, "UGFzc3dvcmQ6");

    // RFC 2505 §2.6.1 and RFC 5321 Appendix C: alternate routing syntaxes once let relays be tricked into forwarding.
    // They are refused, never rewritten, so the relay check always sees the address that is delivered to.
    static final SmtpReply PERCENT_HACK_REFUSED =
            SmtpReply.of(553, "5.1.3", "'%' in a recipient local part is not accepted (percent-hack routing)");
    static final SmtpReply BANG_PATH_REFUSED =
            SmtpReply.of(553, "5.1.3", "'!' in a recipient local part is not accepted (UUCP bang path routing)");
    static final SmtpReply QUOTED_AT_REFUSED =
            SmtpReply.of(553, "5.1.3", "'@' inside a quoted recipient local part is not accepted");
    static final SmtpReply ADDRESS_LITERAL_REFUSED =
            SmtpReply.of(553, "5.1.3", "Address literals are not accepted as recipient domains");

    static SmtpReply greeting(String hostname) {
        return SmtpReply.withoutStatus(220, List.of(hostname + " ESMTP Outpost"));
    }

    static SmtpReply closing(String hostname) {
        return SmtpReply.of(221, "2.0.0", hostname + " closing connection");
    }

    // RFC 5321 §4.5.3.2: the server may close after its timeout, saying so with 421.
    static SmtpReply timeout(String hostname) {
        return SmtpReply.of(421, "4.4.2", hostname + " Timeout");
    }

    static SmtpReply tooManyConnections(String hostname) {
        return SmtpReply.of(421, "4.7.0", hostname + " Too many connections, try again later");
    }

    // RFC 3463 X.6.0: the message's content says something the relay cannot act on. Permanent: sending it again as it
    // is would fail again, and guessing a stream could send bulk mail without its unsubscribe headers.
    static SmtpReply unknownStream(String value) {
        String shown = value.chars()
                .limit(40)
                .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return SmtpReply.of(
                550, "5.6.0", "X-Outpost-Stream must be transactional or bulk, once; not \"" + shown + "\"");
    }

    private Replies() {}
}

package io.outpost.relay.dkim;

/**
 * The message is not in a form that can be signed (RFC 5322 §2.2: every header line is a field or continues one;
 * CRLF line ends; a From field, RFC 6376 §5.4): signing it would fail the same way every time, so the sender gets a
 * permanent refusal. The message text names the problem and is fit to put in an SMTP reply (ASCII, no message bytes).
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String problem) {
        super(problem);
    }
}

package io.outpost.relay.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the content that follows DATA up to the end-of-data line (RFC 5321 §4.1.1.4), undoing dot-stuffing
 * (§4.5.2) and enforcing the size limit.
 *
 * <p>Only CRLF "." CRLF ends the data. A CR or LF outside a CRLF pair never ends a line here, so payloads such as
 * {@code LF "." LF} cannot end the message early and smuggle the bytes behind them in as commands ("SMTP smuggling").
 * Depending on the {@link BareLineEndingPolicy} such a message is refused or its bare line endings become CRLF; either
 * way the bytes after a bare line ending are taken literally (no end-of-data, no dot removal).
 *
 * <p>The content goes to a sink as it is read (a {@link io.outpost.relay.content.ContentSink} keeps a large message
 * out of memory). A refusal is thrown only after the real end of data, so the session stays in step with the client;
 * the sink then holds a part of the message that must be thrown away.
 */
final class DataReader {

    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int DOT = '.';
    private static final int NONE = -1;

    private final InputStream in;
    private final long maxOctets;
    private final BareLineEndingPolicy bareLineEndings;
    private final OutputStream content;
    private long octets;
    private boolean bareLineEndingSeen;
    private int pushedBack = NONE;

    DataReader(InputStream in, long maxOctets, BareLineEndingPolicy bareLineEndings, OutputStream content) {
        this.in = in;
        this.content = content;
        this.maxOctets = maxOctets;
        this.bareLineEndings = bareLineEndings;
    }

    /** Writes the content to the sink with CRLF line ends, dot-unstuffed, without the terminating ".CRLF". */
    void read() throws IOException, SmtpRejection {
        boolean lineStart = true;
        while (true) {
            int b = next();
            if (lineStart && b == DOT) {
                lineStart = false;
                int afterDot = next();
                if (afterDot != CR) {
                    // RFC 5321 §4.5.2: a leading dot is removed, exactly one.
                    pushedBack = afterDot;
                    continue;
                }
                int afterCr = next();
                if (afterCr == LF) {
                    break;
                }
                pushedBack = afterCr;
                bareLineEnding();
                continue;
            }
            lineStart = false;
            if (b == CR) {
                int afterCr = next();
                if (afterCr == LF) {
                    append(CR);
                    append(LF);
                    lineStart = true;
                } else {
                    pushedBack = afterCr;
                    bareLineEnding();
                }
            } else if (b == LF) {
                bareLineEnding();
            } else {
                append(b);
            }
        }
        if (bareLineEndingSeen) {
            throw new SmtpRejection(Replies.BARE_LINE_ENDING_IN_DATA);
        }
        if (octets > maxOctets) {
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG);
        }
    }

    private void bareLineEnding() throws IOException {
        if (bareLineEndings == BareLineEndingPolicy.NORMALISE) {
            append(CR);
            append(LF);
        } else {
            bareLineEndingSeen = true;
        }
    }

    // Past the limit the bytes are still read, but no longer kept (RFC 1870 §6: reply once, at the end).
    private void append(int b) throws IOException {
        octets++;
        if (octets <= maxOctets && !bareLineEndingSeen) {
            content.write(b);
        }
    }

    private int next() throws IOException {
        if (pushedBack != NONE) {
            int b = pushedBack;
            pushedBack = NONE;
            return b;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed during DATA");
        }
        return b;
    }
}

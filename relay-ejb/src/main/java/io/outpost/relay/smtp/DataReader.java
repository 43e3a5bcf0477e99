package io.outpost.relay.smtp;

import io.outpost.relay.content.MessageContent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the content that follows DATA up to the end-of-data line (RFC 5321 §4.1.1.4), undoing dot-stuffing (§4.5.2);
 * the {@link IncomingContent} it writes to applies the size limit and the {@link BareLineEndingPolicy}, as it does for
 * BDAT.
 *
 * <p>Only CRLF "." CRLF ends the data. A CR or LF outside a CRLF pair never ends a line here, so payloads such as
 * {@code LF "." LF} cannot end the message early and smuggle the bytes behind them in as commands ("SMTP smuggling").
 * Such bytes go on as they came, taken literally (no end-of-data, no dot removal), and the policy refuses or normalises
 * them.
 *
 * <p>A refusal is thrown only after the real end of data, so the session stays in step with the client; the content
 * then holds a part of the message that its owner throws away.
 */
final class DataReader {

    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int DOT = '.';
    private static final int NONE = -1;

    private final InputStream in;
    private final IncomingContent content;
    // Octets are gathered here and handed on in blocks: a call per octet into the content's streams would cost more.
    private final byte[] pending = new byte[8192];
    private int pendingLength;
    private int pushedBack = NONE;

    DataReader(InputStream in, IncomingContent content) {
        this.in = in;
        this.content = content;
    }

    /** The content with CRLF line ends, dot-unstuffed, without the terminating ".CRLF"; the caller closes it. */
    MessageContent read() throws IOException, SmtpRejection {
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
                // "." CR without LF: the dot was a leading one; the CR is a bare one.
                append(CR);
                pushedBack = afterCr;
                continue;
            }
            lineStart = false;
            append(b);
            if (b == CR) {
                int afterCr = next();
                if (afterCr == LF) {
                    append(LF);
                    lineStart = true;
                } else {
                    pushedBack = afterCr;
                }
            }
        }
        handOn();
        return content.finish();
    }

    private void append(int b) throws IOException {
        if (pendingLength == pending.length) {
            handOn();
        }
        pending[pendingLength++] = (byte) b;
    }

    private void handOn() throws IOException {
        content.sink().write(pending, 0, pendingLength);
        pendingLength = 0;
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

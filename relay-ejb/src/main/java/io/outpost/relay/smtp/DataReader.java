package io.outpost.relay.smtp;

import io.outpost.relay.content.MessageContent;
import java.io.EOFException;
import java.io.IOException;

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

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private final RereadableInput in;
    private final IncomingContent content;
    // Octets are read and handed on in blocks, a line or more at a time: a call per octet into the input and into the
    // content's streams cost a third of the CPU of a large message (docs/performance.md).
    private final byte[] input = new byte[8192];
    private int start;
    private int end;
    private final byte[] pending = new byte[8192];
    private int pendingLength;

    DataReader(RereadableInput in, IncomingContent content) {
        this.in = in;
        this.content = content;
    }

    /** The content with CRLF line ends, dot-unstuffed, without the terminating ".CRLF"; the caller closes it. */
    MessageContent read() throws IOException, SmtpRejection {
        boolean lineStart = true;
        while (true) {
            if (lineStart && octetAt(0) == DOT) {
                if (octetAt(1) != CR) {
                    // RFC 5321 §4.5.2: a leading dot is removed, exactly one; what follows it is taken as it is.
                    start += 1;
                } else if (octetAt(2) == LF) {
                    start += 3;
                    break;
                } else {
                    // "." CR without LF: the dot was a leading one; the CR is a bare one.
                    start += 2;
                    append(CR);
                }
            }
            lineStart = copyThroughCarriageReturn() && octetAt(0) == LF;
            if (lineStart) {
                start += 1;
                append(LF);
            }
        }
        // Whatever came after the end of data (a pipelined command) is the session's to read.
        in.unread(end - start);
        handOn();
        return content.finish();
    }

    /**
     * Hands on the octets up to and including the next CR, or all that are buffered if none is a CR; true if it stopped
     * at a CR. Only CR can begin the end of a line: a bare LF is data.
     */
    private boolean copyThroughCarriageReturn() throws IOException {
        if (start == end) {
            fill(1);
        }
        int at = start;
        while (at < end && input[at] != CR) {
            at++;
        }
        boolean carriageReturn = at < end;
        int stop = carriageReturn ? at + 1 : end;
        append(input, start, stop - start);
        start = stop;
        return carriageReturn;
    }

    /** The octet {@code offset} places ahead, reading (and waiting) for it if it has not arrived. */
    private byte octetAt(int offset) throws IOException {
        if (end - start <= offset) {
            fill(offset + 1);
        }
        return input[start + offset];
    }

    /** Reads until at least {@code needed} octets are buffered. */
    private void fill(int needed) throws IOException {
        if (start > 0) {
            System.arraycopy(input, start, input, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < needed) {
            int n = in.read(input, end, input.length - end);
            if (n < 0) {
                throw new EOFException("connection closed during DATA");
            }
            end += n;
        }
    }

    private void append(byte octet) throws IOException {
        if (pendingLength == pending.length) {
            handOn();
        }
        pending[pendingLength++] = octet;
    }

    private void append(byte[] octets, int offset, int length) throws IOException {
        if (length > pending.length - pendingLength) {
            handOn();
        }
        if (length > pending.length) {
            content.sink().write(octets, offset, length);
            return;
        }
        System.arraycopy(octets, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private void handOn() throws IOException {
        content.sink().write(pending, 0, pendingLength);
        pendingLength = 0;
    }
}

package io.outpost.relay.dkim;

import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * The "relaxed" body canonicalization of RFC 6376 §3.4.4 as a stream: the body is written to it in pieces of any size
 * and hashed as it goes, so a body of many megabytes is never held in memory. Trailing WSP is removed from each line,
 * other runs of WSP become one SP, and empty lines at the end are ignored ({@link #finish()} decides that); a non-empty
 * body ends in CRLF, an empty one hashes as nothing.
 */
final class RelaxedBodyHash extends OutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';

    private final MessageDigest digest;
    private final byte[] out = new byte[8192];
    private int outCount;
    private long offset;
    private boolean afterCr;
    private boolean lineHasContent;
    private boolean pendingSpace;
    private long pendingEmptyLines;

    RelaxedBodyHash(MessageDigest digest) {
        this.digest = digest;
    }

    /**
     * @throws IllegalArgumentException at a bare CR or LF: the signer must see the exact wire form, or the signature
     *     would not verify
     */
    @Override
    public void write(int b) {
        byte octet = (byte) b;
        if (afterCr) {
            afterCr = false;
            if (octet != LF) {
                throw new IllegalArgumentException("bare CR in the body at octet " + (offset - 1));
            }
            endLine();
        } else if (octet == CR) {
            afterCr = true;
        } else if (octet == LF) {
            throw new IllegalArgumentException("bare LF in the body at octet " + offset);
        } else if (octet == SP || octet == TAB) {
            pendingSpace = true;
        } else {
            if (!lineHasContent) {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    emit(CR);
                    emit(LF);
                }
                lineHasContent = true;
            }
            if (pendingSpace) {
                emit(SP);
                pendingSpace = false;
            }
            emit(octet);
        }
        offset++;
    }

    @Override
    public void write(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            write(bytes[i]);
        }
    }

    /** Ends the body: a last line without CRLF counts as a line; empty lines at the end are dropped. */
    void finish() {
        if (afterCr) {
            throw new IllegalArgumentException("bare CR at the end of the body");
        }
        if (lineHasContent) {
            endLine();
        }
        digest.update(out, 0, outCount);
        outCount = 0;
    }

    private void endLine() {
        if (lineHasContent) {
            emit(CR);
            emit(LF);
        } else {
            pendingEmptyLines++;
        }
        lineHasContent = false;
        pendingSpace = false;
    }

    private void emit(byte b) {
        if (outCount == out.length) {
            digest.update(out, 0, outCount);
            outCount = 0;
        }
        out[outCount++] = b;
    }
}

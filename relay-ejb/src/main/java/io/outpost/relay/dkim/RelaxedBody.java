package io.outpost.relay.dkim;

import java.security.MessageDigest;

/**
 * The "relaxed" body canonicalization of RFC 6376 §3.4.4, hashed as the body is fed in, in pieces of any size (a
 * byte array or the chunks of a stream): trailing WSP removed from each line, other runs of WSP reduced to one SP, all
 * empty lines at the end ignored; a non-empty body ends in CRLF, an empty one hashes as nothing. One pass, constant
 * memory, whatever the lines look like. Not thread-safe: one per body.
 */
final class RelaxedBody {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';

    private final MessageDigest digest;
    private final byte[] out = new byte[8192];
    private int outLength;
    private long offset;
    private long bareLineEnd = -1;
    private boolean pendingCr;
    private boolean pendingSpace;
    private boolean lineHasContent;
    private long pendingEmptyLines;

    RelaxedBody(MessageDigest digest) {
        this.digest = digest;
    }

    /** Feeds {@code length} more body octets from {@code bytes[from]}. */
    void update(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = bytes[i];
            if (pendingCr) {
                pendingCr = false;
                if (b == LF) {
                    endLine();
                    offset++;
                    continue;
                }
                bare(offset - 1);
                content(CR);
            }
            if (lineHasContent && !pendingSpace && b > SP && outLength < out.length) {
                out[outLength++] = b; // the common case, inside a line: the byte as it is
            } else if (b == CR) {
                pendingCr = true;
            } else if (b == SP || b == TAB) {
                pendingSpace = true;
            } else {
                if (b == LF) {
                    bare(offset);
                }
                content(b);
            }
            offset++;
        }
    }

    /**
     * The hash of the canonical body fed so far; call once, at the end.
     *
     * @throws MalformedMessageException if a line of the body ended in a bare CR or LF: the signature would cover bytes
     *     that no relay passes on unchanged
     */
    byte[] hash() throws MalformedMessageException {
        if (pendingCr) {
            bare(offset - 1);
            content(CR);
        }
        if (lineHasContent) {
            put(CR);
            put(LF);
        }
        digest.update(out, 0, outLength);
        outLength = 0;
        if (bareLineEnd >= 0) {
            throw new MalformedMessageException("the body has a bare CR or LF at octet " + bareLineEnd
                    + ": lines must end in CRLF (RFC 5322 section 2.1)");
        }
        return digest.digest();
    }

    private void endLine() {
        if (lineHasContent) {
            put(CR);
            put(LF);
        } else {
            pendingEmptyLines++; // written only if a line with content follows
        }
        lineHasContent = false;
        pendingSpace = false; // trailing WSP goes
    }

    private void content(byte b) {
        if (!lineHasContent) {
            for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                put(CR);
                put(LF);
            }
            lineHasContent = true;
        }
        if (pendingSpace) {
            put(SP);
            pendingSpace = false;
        }
        put(b);
    }

    private void bare(long at) {
        if (bareLineEnd < 0) {
            bareLineEnd = at;
        }
    }

    private void put(byte b) {
        if (outLength == out.length) {
            digest.update(out, 0, outLength);
            outLength = 0;
        }
        out[outLength++] = b;
    }
}

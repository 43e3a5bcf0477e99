package io.outpost.relay.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Applies the {@link BareLineEndingPolicy} to message content on its way to storage, the same for DATA and BDAT: a CR or
 * LF outside a CRLF pair (RFC 5321 §2.3.8) becomes CRLF, or marks the message refused, after which nothing more is
 * passed on. A CR at the end of one write waits for the next, so a CRLF pair split across two BDAT chunks (RFC 3030 §2)
 * is still one pair; {@link #finish()} settles a CR left at the very end.
 */
final class BareLineEndingFilter extends FilterOutputStream {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private final BareLineEndingPolicy policy;
    private boolean pendingCr;
    private boolean refused;

    BareLineEndingFilter(OutputStream out, BareLineEndingPolicy policy) {
        super(out);
        this.policy = policy;
    }

    @Override
    public void write(int b) throws IOException {
        int octet = b & 0xFF;
        if (pendingCr) {
            pendingCr = false;
            if (octet == LF) {
                writeCrLf();
                return;
            }
            bareLineEnding();
        }
        if (octet == CR) {
            pendingCr = true;
        } else if (octet == LF) {
            bareLineEnding();
        } else if (!refused) {
            out.write(octet);
        }
    }

    // Runs of octets, CRLF pairs included, go on in one piece: this sits on the path of every message octet, and a call
    // per line ending into the storage stream cost more than the scan.
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        int end = off + len;
        int runStart = off;
        if (pendingCr) {
            // A CR ended the previous write: its LF, if any, is this write's first octet.
            pendingCr = false;
            if (b[off] == LF) {
                writeCrLf();
                runStart = off + 1;
            } else {
                bareLineEnding();
            }
        }
        for (int i = runStart; i < end; i++) {
            byte octet = b[i];
            if (octet == CR && i + 1 < end && b[i + 1] == LF) {
                i++;
            } else if (octet == CR || octet == LF) {
                passOn(b, runStart, i);
                runStart = i + 1;
                if (octet == CR && i + 1 == end) {
                    pendingCr = true;
                } else {
                    bareLineEnding();
                }
            }
        }
        passOn(b, runStart, end);
    }

    /** Ends the content: a CR still waiting for its LF is a bare one. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            bareLineEnding();
        }
    }

    /** True if the policy is {@link BareLineEndingPolicy#REJECT} and a bare CR or LF was seen. */
    boolean refused() {
        return refused;
    }

    private void passOn(byte[] b, int from, int to) throws IOException {
        if (to > from && !refused) {
            out.write(b, from, to - from);
        }
    }

    private void bareLineEnding() throws IOException {
        if (policy == BareLineEndingPolicy.NORMALISE) {
            writeCrLf();
        } else {
            refused = true;
        }
    }

    private void writeCrLf() throws IOException {
        if (!refused) {
            out.write(CR);
            out.write(LF);
        }
    }
}

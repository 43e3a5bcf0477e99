package io.outpost.relay.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The content of one message as it arrives, by DATA or in BDAT chunks: the one place where the bare-line-ending policy
 * and the size limit apply, so both commands refuse the same bytes in the same way. Written to as a stream, so where
 * the bytes are kept can change without the rules changing.
 */
final class MessageContent {

    private final long maxOctets;
    private final Store store;
    private final BareLineEndingFilter sink;

    MessageContent(long maxOctets, BareLineEndingPolicy bareLineEndings) {
        this.maxOctets = maxOctets;
        this.store = new Store(maxOctets);
        this.sink = new BareLineEndingFilter(store, bareLineEndings);
    }

    /** Where the content goes: CRLF line ends, dot-unstuffed for DATA, raw for BDAT. */
    OutputStream sink() {
        return sink;
    }

    /** The octets written so far, bare line endings counted as normalised. */
    long octets() {
        return store.octets;
    }

    /**
     * The content, once its last octet is written. Refused for a bare line ending (the SMTP smuggling defence) or when
     * larger than the limit (RFC 1870 §6: answered once, after the whole message).
     */
    byte[] finish() throws IOException, SmtpRejection {
        sink.finish();
        if (sink.refused()) {
            throw new SmtpRejection(Replies.BARE_LINE_ENDING_IN_DATA);
        }
        if (store.octets > maxOctets) {
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG);
        }
        return store.bytes.toByteArray();
    }

    /** Counts every octet but keeps only up to the limit: past it the rest is read and dropped. */
    private static final class Store extends OutputStream {

        private final long maxOctets;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        private long octets;

        Store(long maxOctets) {
            this.maxOctets = maxOctets;
        }

        @Override
        public void write(int b) {
            octets++;
            if (octets <= maxOctets) {
                bytes.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long room = maxOctets - octets;
            octets += len;
            if (room > 0) {
                bytes.write(b, off, (int) Math.min(len, room));
            }
        }
    }
}

package io.outpost.relay.smtp;

import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.MessageContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The content of one message as it arrives, by DATA or in BDAT chunks: the one place where the bare-line-ending policy
 * and the size limit apply, so both commands refuse the same bytes in the same way. The bytes go on to a
 * {@link ContentSink}, which keeps a large message out of memory.
 */
final class IncomingContent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IncomingContent.class.getName());

    private final long maxOctets;
    private final ContentSink store;
    private final Limit limit;
    private final BareLineEndingFilter sink;

    IncomingContent(ContentSink store, long maxOctets, BareLineEndingPolicy bareLineEndings) {
        this.maxOctets = maxOctets;
        this.store = store;
        this.limit = new Limit(store, maxOctets);
        this.sink = new BareLineEndingFilter(limit, bareLineEndings);
    }

    /** Where the content goes: CRLF line ends, dot-unstuffed for DATA, raw for BDAT. */
    OutputStream sink() {
        return sink;
    }

    /** The octets written so far, bare line endings counted as normalised. */
    long octets() {
        return limit.octets;
    }

    /**
     * The content, once its last octet is written; the caller closes it. Refused for a bare line ending (the SMTP
     * smuggling defence) or when larger than the limit (RFC 1870 §6: answered once, after the whole message).
     */
    MessageContent finish() throws IOException, SmtpRejection {
        sink.finish();
        if (sink.refused()) {
            throw new SmtpRejection(Replies.BARE_LINE_ENDING_IN_DATA);
        }
        if (limit.octets > maxOctets) {
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG);
        }
        if (limit.storeFailure != null) {
            throw storageFailed(limit.storeFailure);
        }
        try {
            return store.finish();
        } catch (IOException e) {
            throw storageFailed(e);
        }
    }

    // RFC 3463 X.3.1: the spool could not take the message (disk full, unwritable); the client keeps it and retries.
    private static SmtpRejection storageFailed(IOException e) {
        LOG.log(Level.WARNING, "a message could not be written to the spool", e);
        return new SmtpRejection(Replies.INSUFFICIENT_STORAGE);
    }

    /** Throws away what was written unless {@link #finish()} handed it over. */
    @Override
    public void close() {
        store.close();
    }

    /**
     * Counts every octet but passes on only up to the limit: past it the rest is read and dropped. A store that fails
     * (the spool's disk) is remembered and the rest dropped too, so the session reads on to the end of the data and
     * answers once, in step with the client, instead of losing the connection.
     */
    private static final class Limit extends OutputStream {

        private final OutputStream out;
        private final long maxOctets;
        private long octets;
        private IOException storeFailure;

        Limit(OutputStream out, long maxOctets) {
            this.out = out;
            this.maxOctets = maxOctets;
        }

        @Override
        public void write(int b) {
            octets++;
            if (octets <= maxOctets && storeFailure == null) {
                try {
                    out.write(b);
                } catch (IOException e) {
                    storeFailure = e;
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long room = maxOctets - octets;
            octets += len;
            if (room > 0 && storeFailure == null) {
                try {
                    out.write(b, off, (int) Math.min(len, room));
                } catch (IOException e) {
                    storeFailure = e;
                }
            }
        }
    }
}

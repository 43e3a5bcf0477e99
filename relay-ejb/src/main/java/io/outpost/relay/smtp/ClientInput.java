package io.outpost.relay.smtp;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The client's octets as the session reads them: buffered, and mindful of the clock and of replies not yet sent.
 *
 * <p>Before it waits on the network it sends the replies still queued: with PIPELINING the replies to a group of
 * commands go out together, but never does the client wait for the reply to a command it has completed, even while
 * the next line or a BDAT chunk is still arriving (RFC 2920 §3.1).
 *
 * <p>Each wait is bounded by the idle timeout of the current phase (RFC 5321 §4.5.3.2) and by two totals: the end of
 * the session and the end of the current phase (a command line, a data transfer). A total that has passed ends the
 * read with a {@link SocketTimeoutException}, as an idle timeout does, however steadily octets trickle in.
 */
final class ClientInput extends InputStream implements RereadableInput {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Socket socket;
    private final InputStream raw;
    private final Flushable replies;
    private final long sessionDeadline;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    // Octets the last block read returned that are still in the buffer: what unread may give back.
    private int lastRead;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private long phaseDeadline = NO_DEADLINE;
    private long phaseNanos;
    private boolean startPhaseOnNextOctet;

    /** @param sessionDeadline the {@link System#nanoTime()} at which the session's time is up */
    ClientInput(Socket socket, Flushable replies, long sessionDeadline) throws IOException {
        this.socket = socket;
        this.raw = socket.getInputStream();
        this.replies = replies;
        this.sessionDeadline = sessionDeadline;
    }

    /** A phase whose total time runs from the next octet the client sends, such as a command line. */
    void startPhaseOnNextOctet(Duration idle, Duration total) {
        idleTimeout = idle;
        phaseNanos = total.toNanos();
        phaseDeadline = NO_DEADLINE;
        startPhaseOnNextOctet = true;
        if (position < limit) {
            startPhase();
        }
    }

    /** A phase whose total time runs from now, such as a data transfer the client should already be sending. */
    void startPhaseNow(Duration idle, Duration total) {
        idleTimeout = idle;
        phaseNanos = total.toNanos();
        startPhase();
    }

    @Override
    public int read() throws IOException {
        lastRead = 0;
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        lastRead = 0;
        if (len == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        lastRead = n;
        return n;
    }

    /**
     * Gives back octets of the last {@link #read(byte[], int, int)}: that call copied them out of the buffer, after
     * any refill, so they are still there.
     */
    @Override
    public void unread(int n) {
        if (n < 0 || n > lastRead) {
            throw new IllegalArgumentException("cannot give back " + n + " octets of the " + lastRead + " last read");
        }
        position -= n;
        lastRead -= n;
    }

    /** Octets that can be read without waiting. */
    @Override
    public int available() throws IOException {
        return (limit - position) + raw.available();
    }

    private boolean fill() throws IOException {
        if (raw.available() == 0) {
            replies.flush();
        }
        long remaining = Math.min(sessionDeadline, phaseDeadline) - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("time limit reached");
        }
        // Rounded up, as 0 would mean no timeout at all.
        long millis = Math.min(idleTimeout.toMillis(), remaining / 1_000_000 + 1);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, millis)));
        int n = raw.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        if (startPhaseOnNextOctet) {
            startPhase();
        }
        return true;
    }

    private void startPhase() {
        startPhaseOnNextOctet = false;
        long now = System.nanoTime();
        // Saturating: a limit of years must not wrap around into the past.
        phaseDeadline = phaseNanos > NO_DEADLINE - now ? NO_DEADLINE : now + phaseNanos;
    }
}

package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.ClientConnection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The byte streams of one connection. The session holds it in a replaceable field, so STARTTLS can swap in a transport
 * over the TLS socket without touching the protocol code. The session's deadline and the watchdog pass on to it.
 */
final class SmtpTransport {

    private final Socket socket;
    private final long sessionDeadline;
    private final ConnectionWatchdog watchdog;
    private final BufferedOutputStream out;
    private final ClientInput in;

    /** @param sessionDeadline the {@link System#nanoTime()} at which the session's time is up */
    SmtpTransport(Socket socket, long sessionDeadline, ConnectionWatchdog watchdog) throws IOException {
        this.socket = socket;
        this.sessionDeadline = sessionDeadline;
        this.watchdog = watchdog;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.in = new ClientInput(socket, out, sessionDeadline);
    }

    ClientInput input() {
        return in;
    }

    /** True once the connection runs over TLS, by STARTTLS or from the start (RFC 8314 implicit TLS). */
    boolean secure() {
        return socket instanceof SSLSocket;
    }

    /** The TLS protocol and cipher suite of this connection; empty for a plain one. */
    Optional<ClientConnection.Tls> tls() {
        if (!(socket instanceof SSLSocket ssl)) {
            return Optional.empty();
        }
        SSLSession session = ssl.getSession();
        return Optional.of(new ClientConnection.Tls(session.getProtocol(), session.getCipherSuite()));
    }

    /**
     * Performs the server side of a TLS handshake over this connection and returns the transport over the TLS socket.
     * The whole handshake must finish within {@code timeout}, however slowly the client trickles it in; otherwise, or
     * when it fails, {@link SSLHandshakeException} is thrown and the caller closes the connection without a reply.
     * Octets this transport had buffered but not yet read are dropped with it: they arrived in plain text and must
     * never be taken for commands (RFC 3207 §4.2, the STARTTLS command injection of CVE-2011-0411).
     */
    SmtpTransport startTls(SSLContext context, Duration timeout) throws IOException {
        SSLSocket tls = TlsPolicy.serverSocketOver(context, socket);
        try (ConnectionWatchdog.Guard guard = watchdog.closeAfter(socket, timeout)) {
            tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            tls.startHandshake();
        } catch (IOException e) {
            // Not a SocketTimeoutException, which the session would answer with a 421 in plain text.
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake not completed: " + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
        return new SmtpTransport(tls, sessionDeadline, watchdog);
    }

    InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    /** Closes the connection; over TLS this first sends close_notify (RFC 8446 §6.1), so the client sees a clean end. */
    void close() throws IOException {
        socket.close();
    }

    /**
     * Waits for a command line: at most {@code idle} between octets (RFC 5321 §4.5.3.2.7) and {@code total} from its
     * first octet to its CRLF.
     */
    void awaitCommand(Duration idle, Duration total) {
        in.startPhaseOnNextOctet(idle, total);
    }

    /**
     * Waits for message data the client is sending now: at most {@code idle} between octets (RFC 5321 §4.5.3.2.5)
     * and {@code total} for all of it.
     */
    void awaitData(Duration idle, Duration total) {
        in.startPhaseNow(idle, total);
    }

    /**
     * Queues a reply. Queued replies go out before the session next waits for the client (see {@link ClientInput}):
     * with PIPELINING the replies to a group of commands go out together (RFC 2920 §3.1).
     */
    void send(SmtpReply reply) throws IOException {
        out.write(reply.toWire());
    }

    /** Sends a reply at once, for replies the client must see before it sends more (354, 221, 421). */
    void sendNow(SmtpReply reply) throws IOException {
        out.write(reply.toWire());
        out.flush();
    }
}

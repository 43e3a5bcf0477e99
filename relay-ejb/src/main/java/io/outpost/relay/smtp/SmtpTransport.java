package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The byte streams of one connection. The session holds it in a replaceable field, so STARTTLS can swap in a transport
 * over the TLS socket without touching the protocol code.
 */
final class SmtpTransport {

    private final Socket socket;
    private final BufferedInputStream in;
    private final BufferedOutputStream out;

    SmtpTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    InputStream input() {
        return in;
    }

    /** True once the connection runs over TLS, by STARTTLS or from the start (RFC 8314 implicit TLS). */
    boolean secure() {
        return socket instanceof SSLSocket;
    }

    /**
     * Performs the server side of a TLS handshake over this connection and returns the transport over the TLS socket;
     * a failed handshake throws and the caller closes the connection. Octets this transport had buffered but not yet
     * read are dropped with it: they arrived in plain text and must never be taken for commands (RFC 3207 §4.2, the
     * STARTTLS command injection of CVE-2011-0411).
     */
    SmtpTransport startTls(SSLContext context, Duration handshakeTimeout) throws IOException {
        SSLSocket tls = TlsPolicy.serverSocketOver(context, socket);
        tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
        tls.startHandshake();
        return new SmtpTransport(tls);
    }

    InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    /** Closes the connection; over TLS this first sends close_notify (RFC 8446 §6.1), so the client sees a clean end. */
    void close() throws IOException {
        socket.close();
    }

    /** Applies to every following read until changed. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * Queues a reply and sends the queue once the client has nothing more in flight: with PIPELINING the replies to a
     * group of commands go out together (RFC 2920 §3.1), and never does the client wait for a held-back reply.
     */
    void send(SmtpReply reply) throws IOException {
        out.write(reply.toWire());
        if (in.available() == 0) {
            out.flush();
        }
    }

    /** Sends a reply at once, for replies the client must see before it sends more (354, 221, 421). */
    void sendNow(SmtpReply reply) throws IOException {
        out.write(reply.toWire());
        out.flush();
    }
}

package io.outpost.relay.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client for conversation tests: sends exact bytes, reads one complete (possibly multi-line) reply. */
public final class SmtpTestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public SmtpTestClient(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A client connecting from {@code localAddress}, such as 127.0.0.2, to look like a second host. */
    public SmtpTestClient(int port, InetAddress localAddress) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port, localAddress, 0));
    }

    private SmtpTestClient(Socket connected) throws IOException {
        socket = connected;
        // Generous: a reply may wait on a group commit of a loaded machine; tests of server timeouts use shorter ones.
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * Turns the connection into a TLS client connection and completes the handshake: after the server's 220 to
     * STARTTLS (RFC 3207), or at once on an implicit-TLS port (RFC 8314). Handshake failures are thrown.
     */
    public void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "mx.test", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream());
        out = tls.getOutputStream();
    }

    /** How long to wait for a reply from now on; RFC 5321 §4.5.3.2.6 gives the end of data up to 10 minutes. */
    public void readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    /** Sends a command line (CRLF appended) and returns its reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Sends the text as UTF-8, exactly as given. */
    public void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads one reply; continuation lines ("250-") are joined to the last line ("250 ") with "\n". */
    public String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    /** True if reply octets have arrived that {@link #reply()} can read without waiting. */
    public boolean replyWaiting() throws IOException {
        return in.available() > 0;
    }

    /** True once the server has closed the connection (end of stream). */
    public boolean isClosedByServer() throws IOException {
        return in.read() < 0;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed; got so far: " + line.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Sends one whole transaction; the content must already be dot-stuffed and end in CRLF. Returns the final reply. */
    public String sendMessage(String from, String to, byte[] dotStuffedContent) throws IOException {
        expect(command("MAIL FROM:<" + from + ">"), "250");
        expect(command("RCPT TO:<" + to + ">"), "250");
        expect(command("DATA"), "354");
        send(dotStuffedContent);
        send(".\r\n");
        return reply();
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but got: " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

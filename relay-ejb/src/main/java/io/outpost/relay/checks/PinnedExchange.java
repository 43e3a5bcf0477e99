package io.outpost.relay.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request to an address already checked, for its status and {@code Location} only. A client that looks
 * the host up again when it connects (as {@code java.net.http.HttpClient} does) would let a name that answered with a
 * public address at the check answer with an inward one at the connection (DNS rebinding): here the socket goes to the
 * checked address, while the host name still names the site in {@code Host}, in TLS's SNI and in the certificate check
 * (RFC 9110 §4.3.4, the HTTPS endpoint identification of RFC 2818 §3.1). The body is never read.
 */
final class PinnedExchange {

    /** What the server answered: its status code and where it redirects to, if it does. */
    record Answer(int status, Optional<String> location) {}

    // A status line and header section larger than this is no answer a link check needs (RFC 9112 §2.3 sets no limit).
    private static final int MAX_HEAD = 32 * 1024;

    private PinnedExchange() {}

    /**
     * Sends {@code method} for {@code url} to {@code address}; the whole exchange ends by {@code limit}.
     *
     * @throws SocketTimeoutException when no (whole) answer came in time
     * @throws IOException when the connection, TLS or the answer failed
     */
    static Answer send(URI url, InetAddress address, String method, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        String host = IDN.toASCII(
                url.getHost().startsWith("[")
                        ? url.getHost().substring(1, url.getHost().length() - 1)
                        : url.getHost());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        int millis = (int) Math.max(1, limit.toMillis());
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), millis);
            plain.setSoTimeout(millis);
            Socket socket = https ? tls(plain, host, port) : plain;
            try (socket) {
                write(socket.getOutputStream(), method, url, host, port, https);
                return answer(socket.getInputStream(), deadline);
            }
        } finally {
            plain.close();
        }
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket tls =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            // RFC 6066 §3: SNI names a host, never an address literal.
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static void write(OutputStream out, String method, URI url, String host, int port, boolean https)
            throws IOException {
        String target = Optional.ofNullable(url.getRawPath())
                        .filter(path -> !path.isEmpty())
                        .orElse("/")
                + Optional.ofNullable(url.getRawQuery())
                        .map(query -> "?" + query)
                        .orElse("");
        boolean defaultPort = port == (https ? 443 : 80);
        String authority = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        String request = method + " " + target + " HTTP/1.1\r\nHost: " + authority
                + "\r\nUser-Agent: Outpost-LinkCheck/1\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]; then header fields to an empty line.
    private static Answer answer(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no whole answer in time");
            }
            int octet = in.read();
            if (octet < 0) {
                throw new IOException("the connection closed before the answer's header ended");
            }
            head.write(octet);
            if (head.size() > MAX_HEAD) {
                throw new IOException("an answer header of more than " + MAX_HEAD + " octets");
            }
            matched = octet == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : octet == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP/1.1 answer");
        }
        Optional<String> location = Optional.empty();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0
                    && lines[i].substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("location")) {
                location = Optional.of(lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(status[1]), location);
    }
}

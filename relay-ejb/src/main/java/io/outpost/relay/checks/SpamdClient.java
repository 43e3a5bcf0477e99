package io.outpost.relay.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A SpamAssassin client: one {@code REPORT} request of the SPAMC/1.5 protocol to spamd per message, on a connection of
 * its own (spamd's protocol: a request line, {@code Content-length}, a blank line and the message; the answer a status
 * line, headers, a blank line and the report). Connecting and each read have a time limit; {@link PreSendChecks} bounds
 * the whole. Thread-safe.
 */
final class SpamdClient {

    /** Larger answers are not read: a report is a few kilobytes. */
    private static final int MAX_ANSWER = 256 * 1024;

    private final InetSocketAddress spamd;
    private final Duration timeLimit;

    SpamdClient(InetSocketAddress spamd, Duration timeLimit) {
        this.spamd = spamd;
        this.timeLimit = timeLimit;
    }

    InetSocketAddress address() {
        return spamd;
    }

    /** spamd's score and rules for {@code message} (its raw bytes). */
    SpamReport report(byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(spamd, (int) timeLimit.toMillis());
            socket.setSoTimeout((int) timeLimit.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("REPORT SPAMC/1.5\r\nContent-length: " + message.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            out.flush();
            socket.shutdownOutput();
            String answer = readAll(socket.getInputStream());
            int end = answer.indexOf("\r\n");
            String status = end < 0 ? answer : answer.substring(0, end);
            // "SPAMD/1.1 0 EX_OK": any other code is spamd's error (EX_PROTOCOL, EX_TEMPFAIL, ...).
            if (!status.matches("SPAMD/\\d\\.\\d+ 0 .*")) {
                throw new IOException("spamd answered: " + status);
            }
            int blank = answer.indexOf("\r\n\r\n");
            String headers = blank < 0 ? answer.substring(end + 2) : answer.substring(end + 2, blank);
            String body = blank < 0 ? "" : answer.substring(blank + 4);
            try {
                return SpamReport.parse(headers, body);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (answer.size() + read > MAX_ANSWER) {
                throw new IOException("spamd's answer is longer than " + MAX_ANSWER + " bytes");
            }
            answer.write(buffer, 0, read);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}

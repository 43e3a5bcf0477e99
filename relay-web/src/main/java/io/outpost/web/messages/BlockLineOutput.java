package io.outpost.web.messages;

import jakarta.mail.util.LineOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Jakarta Mail's line output (header lines ended with CRLF), writing the body's bytes on in blocks. Handed to
 * {@code MimeMessage.writeTo}, it spares each part one of its two look-ups of Jakarta Mail's stream provider (a service-loader
 * scan of the application's class path); Angus Mail's own line output, which that look-up finds, writes every
 * byte of the body through one call each. Header lines are encoded as Angus Mail's are: UTF-8 where RFC 6532 allows
 * it, else each character as one octet (they are ASCII by then: RFC 2047 encoded words).
 */
final class BlockLineOutput extends FilterOutputStream implements LineOutputStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private final boolean utf8;

    BlockLineOutput(OutputStream out, boolean utf8) {
        super(out);
        this.utf8 = utf8;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void writeln(String line) throws IOException {
        out.write(utf8 ? line.getBytes(StandardCharsets.UTF_8) : octets(line));
        out.write(CRLF);
    }

    @Override
    public void writeln() throws IOException {
        out.write(CRLF);
    }

    private static byte[] octets(String line) {
        byte[] octets = new byte[line.length()];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) line.charAt(i);
        }
        return octets;
    }
}

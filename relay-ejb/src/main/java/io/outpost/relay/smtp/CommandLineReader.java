package io.outpost.relay.smtp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads command lines ended by CRLF with a hard length limit. An over-long line is never truncated into a command:
 * its rest is discarded up to the CRLF and the whole line is refused (RFC 5321 §4.5.3.1.4).
 */
final class CommandLineReader {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private final InputStream in;
    private final int maxContentOctets;

    /** {@code maxLineOctets} counts the CRLF, as RFC 5321 §4.5.3.1.4 does. */
    CommandLineReader(InputStream in, int maxLineOctets) {
        this.in = in;
        this.maxContentOctets = maxLineOctets - 2;
    }

    /** The next line without its CRLF; throws {@link EOFException} when the client has closed the connection. */
    String readLine() throws IOException, SmtpRejection {
        return decode(readOctets());
    }

    /** Like {@link #readLine()} but undecoded, so a caller holding a secret can zero the array after use. */
    byte[] readOctets() throws IOException, SmtpRejection {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean tooLong = false;
        boolean bareLineEnding = false;
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by client");
            }
            if (b == LF && previous == CR) {
                break;
            }
            // RFC 5321 §2.3.8: only CRLF ends a line; a lone CR or LF is an error, not a line break.
            if (b == LF || (previous == CR && b != LF)) {
                bareLineEnding = true;
            }
            if (b != CR && b != LF) {
                if (line.size() < maxContentOctets) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            previous = b;
        }
        if (tooLong) {
            throw new SmtpRejection(Replies.LINE_TOO_LONG);
        }
        if (bareLineEnding) {
            throw new SmtpRejection(Replies.BARE_LINE_ENDING_IN_COMMAND);
        }
        return line.toByteArray();
    }

    // RFC 6531 §3.3: command lines may carry UTF-8 addresses, but nothing else that is not UTF-8.
    private static String decode(byte[] bytes) throws SmtpRejection {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SmtpRejection(Replies.INVALID_UTF8_IN_COMMAND);
        }
    }
}

package io.outpost.relay.dkim;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "relaxed" header and body canonicalization of RFC 6376 §3.4.2 and §3.4.4, over the raw message bytes, and the
 * split of a message into header fields and body. Bytes are never decoded: 8-bit and UTF-8 header values are hashed
 * exactly as they go on the wire.
 */
final class RelaxedCanonicalizer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';

    private RelaxedCanonicalizer() {}

    /** One header field as on the wire, without its final CRLF; {@code name} is in lower case. */
    record Field(String name, byte[] raw) {}

    /** A message split into its header fields (in order) and the offset where the body starts. */
    record Parsed(List<Field> fields, int bodyStart) {}

    /**
     * Splits a message into header fields and body (RFC 5322 §2.1). Folded lines join their field.
     *
     * @throws IllegalArgumentException if a line ends in a bare CR or LF, or a header line is neither a field nor a
     *     continuation: the signer must see the exact wire form, or the signature would not verify
     */
    static Parsed parse(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == CR && (i + 1 == message.length || message[i + 1] != LF)) {
                throw new IllegalArgumentException("bare CR at offset " + i + ": the message must use CRLF line ends");
            }
            if (message[i] == LF && (i == 0 || message[i - 1] != CR)) {
                throw new IllegalArgumentException("bare LF at offset " + i + ": the message must use CRLF line ends");
            }
        }
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        while (pos < message.length) {
            int eol = indexOfCrlf(message, pos);
            int end = eol < 0 ? message.length : eol;
            if (end == pos) { // the empty line that ends the header section
                addField(fields, message, fieldStart, pos);
                return new Parsed(fields, pos + 2);
            }
            if (message[pos] == SP || message[pos] == TAB) {
                if (fieldStart < 0) {
                    throw new IllegalArgumentException("continuation line before the first header field");
                }
            } else {
                addField(fields, message, fieldStart, pos);
                fieldStart = pos;
            }
            pos = eol < 0 ? message.length : eol + 2;
        }
        // No empty line: the message is all header, the body is empty.
        addField(fields, message, fieldStart, message.length);
        return new Parsed(fields, message.length);
    }

    private static void addField(List<Field> fields, byte[] message, int start, int next) {
        if (start < 0) {
            return;
        }
        int end = next;
        if (end - start >= 2 && message[end - 2] == CR && message[end - 1] == LF) {
            end -= 2;
        }
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (message[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= start) {
            throw new IllegalArgumentException("malformed header line at offset " + start + ": no field name");
        }
        int nameEnd = colon;
        while (nameEnd > start && (message[nameEnd - 1] == SP || message[nameEnd - 1] == TAB)) {
            nameEnd--;
        }
        String name = new String(message, start, nameEnd - start, java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        byte[] raw = java.util.Arrays.copyOfRange(message, start, end);
        fields.add(new Field(name, raw));
    }

    /**
     * RFC 6376 §3.4.2: lower-case name, unfolded value with each run of WSP reduced to one SP, no WSP at either end of
     * the value or around the colon; followed by CRLF only if {@code withCrlf}.
     */
    static void header(byte[] raw, boolean withCrlf, ByteArrayOutputStream out) {
        int colon = 0;
        while (raw[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && (raw[nameEnd - 1] == SP || raw[nameEnd - 1] == TAB)) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < raw.length; i++) {
            byte b = raw[i];
            if (b == CR || b == LF) {
                continue; // unfolding: the CRLF of a fold goes, its WSP stays and is compressed below
            }
            if (b == SP || b == TAB) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.write(SP);
                pendingSpace = false;
            }
            out.write(b);
            started = true;
        }
        if (withCrlf) {
            out.write(CR);
            out.write(LF);
        }
    }

    /**
     * RFC 6376 §3.4.4: hashes the body of an in-memory message from {@code start}, as {@link RelaxedBodyHash} does
     * for a stream.
     */
    static void body(byte[] message, int start, MessageDigest digest) {
        RelaxedBodyHash body = new RelaxedBodyHash(digest);
        body.write(message, start, message.length - start);
        body.finish();
    }

    private static int indexOfCrlf(byte[] message, int from) {
        for (int i = from; i + 1 < message.length; i++) {
            if (message[i] == CR && message[i + 1] == LF) {
                return i;
            }
        }
        return -1;
    }
}

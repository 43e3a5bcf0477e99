package io.outpost.relay.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The split of a message's header section into fields (RFC 5322 §2.2) and the "relaxed" header canonicalization of
 * RFC 6376 §3.4.2, over the raw bytes; the body's is {@link RelaxedBody}. Bytes are never decoded: 8-bit and UTF-8
 * header values are hashed exactly as they go on the wire. Every step is one pass: linear in the input.
 */
final class RelaxedCanonicalizer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';

    private RelaxedCanonicalizer() {}

    /**
     * One header field: its name in lower case and where it lies in the message, folded lines included, without its
     * final CRLF.
     */
    record Field(String name, int start, int end) {}

    /** A message's header fields in order and the offset where its body starts. */
    record Parsed(List<Field> fields, int bodyStart) {}

    /**
     * Splits the header section of {@code message} into fields; folded lines join their field. Only the header section
     * is read; a message without the empty line that ends it is all header, with an empty body.
     *
     * @throws MalformedMessageException if a header line ends in a bare CR or LF, is neither a field nor a continuation
     *     of one, or the header section is longer than {@code maxHeaderSection} octets: the signer must see the exact
     *     wire form, or the signature would not verify
     */
    static Parsed parse(byte[] message, int maxHeaderSection) throws MalformedMessageException {
        // Never read further than the limit: a header section of any length costs at most that much.
        int scanEnd = Math.min(message.length, maxHeaderSection + 2);
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        int line = 1;
        int fieldStart = -1;
        int fieldEnd = -1;
        while (pos < message.length) {
            int eol = endOfLine(message, pos, scanEnd, line);
            if (pos > maxHeaderSection || eol == scanEnd && scanEnd < message.length) {
                throw new MalformedMessageException(
                        "the header section is longer than " + maxHeaderSection + " octets");
            }
            if (eol == pos) { // the empty line that ends the header section
                addField(fields, message, fieldStart, fieldEnd);
                return new Parsed(fields, pos + 2);
            }
            if (message[pos] == SP || message[pos] == TAB) {
                if (fieldStart < 0) {
                    throw new MalformedMessageException(
                            "header line 1 starts with white space: a continuation before the first field");
                }
            } else {
                addField(fields, message, fieldStart, fieldEnd);
                requireFieldName(message, pos, eol, line);
                fieldStart = pos;
            }
            fieldEnd = eol;
            pos = eol + 2;
            line++;
        }
        // No empty line: the message is all header, the body is empty.
        addField(fields, message, fieldStart, fieldEnd);
        return new Parsed(fields, message.length);
    }

    /**
     * Where the line starting at {@code from} ends: at its CRLF, or at {@code scanEnd} if there is none before it.
     * Refuses a bare CR or LF.
     */
    private static int endOfLine(byte[] message, int from, int scanEnd, int line) throws MalformedMessageException {
        for (int i = from; i < scanEnd; i++) {
            byte b = message[i];
            if (b == CR) {
                if (i + 1 < message.length && message[i + 1] == LF) {
                    return i;
                }
                throw new MalformedMessageException(
                        "header line " + line + " has a bare CR: lines must end in CRLF (RFC 5322 section 2.1)");
            }
            if (b == LF) {
                throw new MalformedMessageException(
                        "header line " + line + " has a bare LF: lines must end in CRLF (RFC 5322 section 2.1)");
            }
        }
        return scanEnd;
    }

    // RFC 5322 §2.2: a field is a name, a colon and a body; the name is on the field's first line.
    private static void requireFieldName(byte[] message, int start, int eol, int line)
            throws MalformedMessageException {
        for (int i = start; i < eol; i++) {
            if (message[i] == ':') {
                if (i == start) {
                    throw new MalformedMessageException("header line " + line + " has no field name before its colon");
                }
                return;
            }
        }
        throw new MalformedMessageException("header line " + line
                + " is not a header field: it has no colon and is not a continuation (RFC 5322 section 2.2)");
    }

    private static void addField(List<Field> fields, byte[] message, int start, int end) {
        if (start < 0) {
            return;
        }
        int nameEnd = start;
        while (message[nameEnd] != ':') {
            nameEnd++;
        }
        // RFC 5322 §4.5.3: obsolete syntax allows white space between the name and the colon.
        while (message[nameEnd - 1] == SP || message[nameEnd - 1] == TAB) {
            nameEnd--;
        }
        String name = new String(message, start, nameEnd - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        fields.add(new Field(name, start, end));
    }

    /**
     * RFC 6376 §3.4.2: lower-case name, unfolded value with each run of WSP reduced to one SP, no WSP at either end of
     * the value or around the colon; followed by CRLF only if {@code withCrlf}. Reads the field at
     * {@code raw[start..end)}, which has a colon.
     */
    static void header(byte[] raw, int start, int end, boolean withCrlf, ByteArrayOutputStream out) {
        int colon = start;
        while (raw[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > start && (raw[nameEnd - 1] == SP || raw[nameEnd - 1] == TAB)) {
            nameEnd--;
        }
        for (int i = start; i < nameEnd; i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < end; i++) {
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
}

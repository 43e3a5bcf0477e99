package io.outpost.relay.content;

import io.outpost.api.plugin.HeaderField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads header fields from the raw bytes of a message's header section (RFC 5322 §2.2): the lines before the first
 * empty line. A byte scan, not a parse of the whole section: only the values asked for are decoded, so the checks made
 * on every message before its 250 cost microseconds.
 */
public final class HeaderFields {

    private HeaderFields() {}

    /** True if a field named {@code name} (case-insensitive, RFC 5322 §1.2.2) is present. */
    public static boolean contains(byte[] headerSection, String name) {
        return count(headerSection, name, 1) > 0;
    }

    /** How many fields are named {@code name}, counting no further than {@code atMost}. */
    public static int count(byte[] headerSection, String name, int atMost) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        for (int line = 0;
                line < headerSection.length && found < atMost && !emptyLineAt(headerSection, line);
                line = nextLine(headerSection, line)) {
            if (valueStart(headerSection, line, wanted) >= 0) {
                found++;
            }
        }
        return found;
    }

    /**
     * The value of every field named {@code name}, in order, unfolded (RFC 5322 §2.2.3: the line breaks before
     * continuation lines removed) and without the line end. RFC 6532 §3.2: fields may carry UTF-8; malformed bytes
     * become U+FFFD, which no address or msg-id accepts.
     */
    public static List<String> values(byte[] headerSection, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        List<String> values = new ArrayList<>(1);
        for (int line = 0; line < headerSection.length && !emptyLineAt(headerSection, line); ) {
            int start = valueStart(headerSection, line, wanted);
            int next = nextLine(headerSection, line);
            if (start < 0) {
                line = next;
                continue;
            }
            StringBuilder value = new StringBuilder(lineText(headerSection, start, next));
            while (next < headerSection.length && isWhiteSpace(headerSection[next])) {
                int after = nextLine(headerSection, next);
                value.append(lineText(headerSection, next, after));
                next = after;
            }
            values.add(value.toString());
            line = next;
        }
        return values;
    }

    /** The header section without the fields named {@code name}, continuation lines and all; the rest byte for byte. */
    public static byte[] without(byte[] headerSection, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream kept = new ByteArrayOutputStream(headerSection.length);
        int line = 0;
        while (line < headerSection.length && !emptyLineAt(headerSection, line)) {
            int next = nextLine(headerSection, line);
            while (next < headerSection.length && isWhiteSpace(headerSection[next])) {
                next = nextLine(headerSection, next);
            }
            if (valueStart(headerSection, line, wanted) < 0) {
                kept.write(headerSection, line, next - line);
            }
            line = next;
        }
        kept.write(headerSection, line, headerSection.length - line);
        return kept.toByteArray();
    }

    /** Every field of the header section, in order: its name as written and its value unfolded. */
    public static List<HeaderField> all(byte[] headerSection) {
        List<HeaderField> fields = new ArrayList<>();
        for (int line = 0; line < headerSection.length && !emptyLineAt(headerSection, line); ) {
            int next = nextLine(headerSection, line);
            int colon = indexOf(headerSection, (byte) ':', line, next);
            if (colon < 0 || isWhiteSpace(headerSection[line])) {
                // Not a field (RFC 5322 §2.2: a name and a colon), or a continuation with no field before it.
                line = next;
                continue;
            }
            String name = new String(headerSection, line, colon - line, StandardCharsets.UTF_8).strip();
            StringBuilder value = new StringBuilder(lineText(headerSection, colon + 1, next));
            while (next < headerSection.length && isWhiteSpace(headerSection[next])) {
                int after = nextLine(headerSection, next);
                value.append(lineText(headerSection, next, after));
                next = after;
            }
            fields.add(new HeaderField(name, value.toString()));
            line = next;
        }
        return fields;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    // Where the value of the field at lineStart begins if it is named `name`, else -1. "Name :" is RFC 5322 §4.5.3's
    // obsolete syntax, still read as the field: otherwise a second From could hide behind it.
    private static int valueStart(byte[] bytes, int lineStart, byte[] name) {
        if (lineStart + name.length >= bytes.length) {
            return -1;
        }
        for (int i = 0; i < name.length; i++) {
            if (Character.toLowerCase(bytes[lineStart + i]) != Character.toLowerCase(name[i])) {
                return -1;
            }
        }
        int at = lineStart + name.length;
        while (at < bytes.length && isWhiteSpace(bytes[at])) {
            at++;
        }
        return at < bytes.length && bytes[at] == ':' ? at + 1 : -1;
    }

    private static String lineText(byte[] bytes, int from, int nextLine) {
        int end = nextLine;
        if (end > from && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    // RFC 5322 §2.1: the empty line ends the header section. A bare LF is read as a line end too (SMTP intake already
    // turns bare line ends into CRLF or refuses them), so that no field can hide inside another's line.
    private static boolean emptyLineAt(byte[] bytes, int at) {
        return bytes[at] == '\n' || (bytes[at] == '\r' && at + 1 < bytes.length && bytes[at + 1] == '\n');
    }

    private static int nextLine(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }
}

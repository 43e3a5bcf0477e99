package io.outpost.relay.smtp;

import java.nio.charset.StandardCharsets;

/** Looks at the header section of raw message bytes (RFC 5322 §2.2): the lines before the first empty line. */
final class HeaderSection {

    private HeaderSection() {}

    /** True if a header field named {@code fieldName} (case-insensitive, RFC 5322 §1.2.2) is present. */
    static boolean contains(byte[] content, String fieldName) {
        return count(content, fieldName, 1) > 0;
    }

    /** How many header fields are named {@code fieldName}, counting no further than {@code atMost}. */
    static int count(byte[] content, String fieldName, int atMost) {
        byte[] name = fieldName.getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        int lineStart = 0;
        while (lineStart < content.length && found < atMost && !startsWithCrlf(content, lineStart)) {
            if (fieldNameAt(content, lineStart, name)) {
                found++;
            }
            lineStart = nextLine(content, lineStart);
        }
        return found;
    }

    private static boolean fieldNameAt(byte[] content, int at, byte[] name) {
        if (at + name.length >= content.length || content[at + name.length] != ':') {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (Character.toLowerCase(content[at + i]) != Character.toLowerCase(name[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithCrlf(byte[] content, int at) {
        return at + 1 < content.length && content[at] == '\r' && content[at + 1] == '\n';
    }

    private static int nextLine(byte[] content, int from) {
        for (int i = from; i + 1 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n') {
                return i + 2;
            }
        }
        return content.length;
    }
}

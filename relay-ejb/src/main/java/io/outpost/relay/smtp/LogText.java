package io.outpost.relay.smtp;

/**
 * Makes text a client chose (user names, EHLO names, addresses, plugin reasons that may quote them) safe to put in a
 * log line: it cannot end the line and start a forged one, hide itself with terminal control sequences, or flood the
 * log. Every log statement of {@code smtp} and {@code intake} that includes such text passes it through here.
 */
public final class LogText {

    /** Longer text is cut: no log line needs more of a client's words, and a client must not fill the disk. */
    static final int MAX_CHARS = 256;

    private LogText() {}

    /**
     * The text with backslash, control characters (C0, DEL, C1) and Unicode line and format characters written as
     * escapes ({@code \n}, {@code \u2028}, ...), cut after {@link #MAX_CHARS} characters; {@code null} as "null".
     */
    public static String of(Object text) {
        String value = String.valueOf(text);
        StringBuilder escaped = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 16);
        int chars = 0;
        for (int i = 0; i < value.length(); i++) {
            if (chars == MAX_CHARS) {
                escaped.append("...(").append(value.length() - i).append(" more)");
                break;
            }
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
            chars++;
        }
        return escaped.toString();
    }

    // Line and paragraph separators end lines in some viewers; format characters (bidi overrides) reorder what is
    // shown.
    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}

package io.outpost.api.plugin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password or key as the client sent it. It never appears in {@link #toString()}, so it cannot leak into a log line
 * or an exception message by accident; {@link #chars()} hands out a copy that the caller should {@link
 * Arrays#fill(char[], char) clear} after use. Two secrets are equal only if they are the same object, so a secret is
 * never compared in a way that leaks timing.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /** A secret holding a copy of {@code value}; the caller may clear its own array afterwards. */
    public static Secret of(char[] value) {
        if (value == null) {
            throw new IllegalArgumentException("null secret");
        }
        return new Secret(value);
    }

    /** A copy of the secret's characters. Clear it when done. */
    public char[] chars() {
        return value.clone();
    }

    /** The secret encoded as UTF-8 (how SMTP AUTH PLAIN carries it, RFC 4616 §2). Clear it when done. */
    public byte[] utf8() {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    public int length() {
        return value.length;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}

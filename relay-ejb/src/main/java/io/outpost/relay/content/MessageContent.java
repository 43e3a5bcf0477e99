package io.outpost.relay.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of one message: header fields Outpost added in front (trace fields, DKIM signatures), then the message as
 * received, which stays where it was written — in memory when small, in a spool file when large. Adding fields in
 * front never copies what follows, so a message's bytes exist once, and a large message's not at all on the heap.
 *
 * <p>Read it as often as needed with {@link #open()}. Whoever wrote it (the {@link ContentSink}'s owner) closes it
 * when done: that deletes the spool file and gives its memory back to the {@link InFlightBytes} cap; the fronted
 * copies made by {@link #withFieldsInFront} share it and must not outlive it.
 */
public final class MessageContent implements AutoCloseable {

    /** The longest header section the relay reads into memory (to check, stamp and sign a message). */
    public static final int MAX_HEADER_OCTETS = 256 * 1024;

    /** What {@link #headerSection()} reads first; it reads on, doubling, only while no empty line has come. */
    private static final int HEADER_BLOCK = 8 * 1024;

    private static final byte[] NONE = new byte[0];

    private final byte[] front;
    private final Stored stored;
    // Octets at the start of the stored bytes that are not part of this message: a header section replaced by front.
    private final long skip;
    // The content never changes, so neither does this once scanned; null until then.
    private volatile Boolean eightBit;

    private MessageContent(byte[] front, Stored stored, long skip) {
        this.front = front;
        this.stored = stored;
        this.skip = skip;
    }

    /**
     * Where the received bytes are: chunks in memory (each used in full), or a file; and what to do when they are no
     * longer needed.
     */
    private record Stored(List<byte[]> chunks, Path file, long size, Runnable release) {}

    /** Bytes already in memory, such as a message composed over HTTP or a DSN; nothing to release. */
    public static MessageContent of(byte[] bytes) {
        return new MessageContent(NONE, new Stored(List.of(bytes), null, bytes.length, () -> {}), 0);
    }

    static MessageContent inMemory(List<byte[]> chunks, long size, Runnable release) {
        return new MessageContent(NONE, new Stored(List.copyOf(chunks), null, size, release), 0);
    }

    static MessageContent inFile(Path file, long size, Runnable release) {
        return new MessageContent(NONE, new Stored(List.of(), file, size, release), 0);
    }

    /** This message with {@code fields} (whole header fields, each ending in CRLF) in front of the ones it has. */
    public MessageContent withFieldsInFront(byte[] fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.length == 0) {
            return this;
        }
        byte[] joined = Arrays.copyOf(fields, fields.length + front.length);
        System.arraycopy(front, 0, joined, fields.length, front.length);
        return new MessageContent(joined, stored, skip);
    }

    /**
     * This message with its header section, the first {@code replaced} octets, replaced by {@code headerSection}: a
     * field taken out without copying the body, which stays where it was received (in memory or its spool file).
     *
     * @param replaced the length of the header section as {@link #headerSection()} read it
     */
    public MessageContent withHeaderSection(byte[] headerSection, int replaced) {
        if (replaced < front.length || replaced > size()) {
            throw new IllegalArgumentException("not the header section: " + replaced + " octets of " + size());
        }
        return new MessageContent(headerSection.clone(), stored, skip + replaced - front.length);
    }

    /** Octets in all. */
    public long size() {
        return front.length + stored.size() - skip;
    }

    /** True when the received bytes are in a spool file rather than in memory. */
    public boolean spooled() {
        return stored.file() != null;
    }

    /** The whole message from its first octet. */
    public InputStream open() throws IOException {
        List<InputStream> parts = new ArrayList<>(stored.chunks().size() + 1);
        parts.add(new ByteArrayInputStream(front));
        if (stored.file() != null) {
            InputStream file = Files.newInputStream(stored.file());
            file.skipNBytes(skip);
            parts.add(file);
        }
        long toSkip = skip;
        for (byte[] chunk : stored.chunks()) {
            int from = (int) Math.min(toSkip, chunk.length);
            toSkip -= from;
            if (from < chunk.length) {
                parts.add(new ByteArrayInputStream(chunk, from, chunk.length - from));
            }
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Copies the whole message to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        if (skip > 0) {
            try (InputStream in = open()) {
                in.transferTo(out);
            }
            return;
        }
        out.write(front);
        if (stored.file() == null) {
            for (byte[] chunk : stored.chunks()) {
                out.write(chunk);
            }
            return;
        }
        try (InputStream in = Files.newInputStream(stored.file())) {
            in.transferTo(out);
        }
    }

    /**
     * The header section (RFC 5322 §2.1): every line up to and including the empty line that ends it, or the whole
     * message if it has none and is no longer than {@link #MAX_HEADER_OCTETS}.
     *
     * @throws HeaderSectionTooLarge if the header section goes on past {@link #MAX_HEADER_OCTETS}
     */
    public byte[] headerSection() throws HeaderSectionTooLarge {
        int limit = (int) Math.min(size(), MAX_HEADER_OCTETS + 1L);
        // Read as far as the empty line, not the whole message: a header section is usually a few hundred octets.
        byte[] head = new byte[Math.min(limit, HEADER_BLOCK)];
        int length = 0;
        try (InputStream in = open()) {
            while (length < limit) {
                if (length == head.length) {
                    head = Arrays.copyOf(head, Math.min(limit, head.length * 2));
                }
                int read = in.read(head, length, head.length - length);
                if (read < 0) {
                    break;
                }
                int end = endOfHeaderSection(head, Math.max(0, length - 3), length + read);
                length += read;
                if (end > 0) {
                    return Arrays.copyOf(head, end);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool file of a message could not be read", e);
        }
        if (length > MAX_HEADER_OCTETS) {
            throw new HeaderSectionTooLarge(MAX_HEADER_OCTETS);
        }
        return Arrays.copyOf(head, length);
    }

    /**
     * Where the header section in {@code head[0..length)} ends, after its empty line, looking for that line from {@code
     * from} on; 0 if not yet. A message that starts with the empty line has an empty header section.
     */
    private static int endOfHeaderSection(byte[] head, int from, int length) {
        if (from == 0 && length >= 2 && head[0] == '\r' && head[1] == '\n') {
            return 2;
        }
        for (int i = from; i + 3 < length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 4;
            }
        }
        return 0;
    }

    /** True if any octet is beyond 7-bit ASCII, which decides BODY=8BITMIME (RFC 6152). */
    public boolean eightBit() {
        // Known after the first scan: a message with a VERP return path is sent once per recipient.
        Boolean known = eightBit;
        if (known == null) {
            known = scanForEightBit();
            eightBit = known;
        }
        return known;
    }

    private boolean scanForEightBit() {
        try (InputStream in = open()) {
            byte[] buffer = new byte[ContentSink.CHUNK];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] < 0) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("spool file of a message could not be read", e);
        }
    }

    /** The whole message as one array, for tests and small messages only: it is a copy. */
    public byte[] toByteArray() {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("message too large for one array: " + size());
        }
        return head(Integer.MAX_VALUE);
    }

    /** The first {@code maxOctets} of the message, or all of it if shorter. */
    public byte[] head(int maxOctets) {
        int wanted = (int) Math.min(maxOctets, size());
        try (InputStream in = open()) {
            return in.readNBytes(wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("spool file of a message could not be read", e);
        }
    }

    /** Deletes the spool file and releases the memory reservation; idempotent. */
    @Override
    public void close() {
        stored.release().run();
    }

    /** The header section of a message is longer than the relay reads into memory. */
    public static final class HeaderSectionTooLarge extends Exception {

        private static final long serialVersionUID = 1L;

        HeaderSectionTooLarge(int maxOctets) {
            super("header section longer than " + maxOctets + " octets");
        }
    }
}

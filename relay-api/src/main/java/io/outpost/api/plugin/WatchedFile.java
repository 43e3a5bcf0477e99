package io.outpost.api.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A text file a plugin reads its data from (users, a list of addresses), parsed once and parsed again whenever its
 * modification time or size changes, so that the operator edits it while the relay runs. Thread-safe: one reader
 * parses a changed file while the others wait for the result.
 *
 * <p>A file that cannot be read or no longer parses makes {@link #current()} throw, and the relay fails the call
 * closed; the broken content is not kept, so the next call reads the file again and a fix takes effect at once. A file
 * rewritten in place can be read half-written: tell operators to replace it by renaming a new one over it.
 *
 * @param <T> what the lines parse into
 */
public final class WatchedFile<T> {

    private final Path file;
    private final Function<List<String>, T> parse;
    private volatile Snapshot<T> snapshot;

    /** What was parsed from the file, with the stamp the file had just before it was read. */
    private record Snapshot<T>(FileTime modified, long size, T content) {}

    private WatchedFile(Path file, Function<List<String>, T> parse, Snapshot<T> first) {
        this.file = file;
        this.parse = parse;
        this.snapshot = first;
    }

    /**
     * Reads and parses {@code file} now, in UTF-8, a line at a time.
     *
     * @param parse turns the file's lines into its content; throws {@link IllegalArgumentException} naming the first bad
     *     line
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it does not parse
     */
    public static <T> WatchedFile<T> read(Path file, Function<List<String>, T> parse) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(parse, "parse");
        return new WatchedFile<>(file, parse, snapshotOf(file, parse));
    }

    /** The file this watches. */
    public Path file() {
        return file;
    }

    /**
     * The content, parsed again first if the file changed since it was last parsed.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException if it no longer parses
     */
    public T current() {
        BasicFileAttributes attributes = attributes();
        Snapshot<T> known = snapshot;
        if (unchanged(known, attributes)) {
            return known.content();
        }
        synchronized (this) {
            known = snapshot;
            if (unchanged(known, attributes)) {
                return known.content();
            }
            try {
                Snapshot<T> fresh = snapshotOf(file, parse);
                snapshot = fresh;
                return fresh.content();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " " + e.getMessage(), e);
            }
        }
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean unchanged(Snapshot<?> known, BasicFileAttributes now) {
        return now.lastModifiedTime().equals(known.modified()) && now.size() == known.size();
    }

    // The stamp is taken before the content: a write in between makes the next call read the file again.
    private static <T> Snapshot<T> snapshotOf(Path file, Function<List<String>, T> parse) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        T content = parse.apply(Files.readAllLines(file, StandardCharsets.UTF_8));
        return new Snapshot<>(attributes.lastModifiedTime(), attributes.size(), content);
    }
}

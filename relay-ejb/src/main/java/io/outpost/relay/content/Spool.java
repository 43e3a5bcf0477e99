package io.outpost.relay.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out {@link ContentSink}s: message bytes stay in memory up to {@code memoryThreshold} and go to a file in
 * {@code directory} beyond it. Spool files are scratch space, never the durable copy — that is the queue's database
 * row — so they are not fsynced, are deleted as soon as their message is committed or sent, and whatever a crash left
 * behind is deleted at start-up ({@link #clean()}). Thread-safe.
 */
public final class Spool {

    private static final Logger LOG = Logger.getLogger(Spool.class.getName());

    private final Path directory;
    private final int memoryThreshold;
    private final InFlightBytes inFlight;

    public Spool(Path directory, int memoryThreshold, InFlightBytes inFlight) {
        if (memoryThreshold <= 0) {
            throw new IllegalArgumentException("the spool threshold must be positive");
        }
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
        this.inFlight = inFlight;
    }

    /** A spool in a directory of the system's temporary files, for tests. */
    public static Spool temporary(int memoryThreshold, long maxBytesInFlight) {
        try {
            return new Spool(
                    Files.createTempDirectory("outpost-spool"), memoryThreshold, new InFlightBytes(maxBytesInFlight));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sink for a message arriving from a client, its memory reserved against the cap on bytes in flight; empty when
     * the cap is reached.
     */
    public Optional<ContentSink> incoming() {
        return inFlight.reserve(memoryThreshold)
                .map(reservation -> new ContentSink(directory, memoryThreshold, reservation::release));
    }

    /**
     * A sink for a message read back from the queue by a delivery worker; not counted against the cap, as the number
     * of workers bounds these.
     */
    public ContentSink outgoing() {
        return new ContentSink(directory, memoryThreshold, () -> {});
    }

    public InFlightBytes inFlight() {
        return inFlight;
    }

    /** Creates the directory and deletes the files a previous run left behind; call before the first sink. */
    public void clean() throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, ContentSink.FILE_PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                LOG.log(Level.FINE, "deleted left-over spool file {0}", file);
            }
        }
    }
}

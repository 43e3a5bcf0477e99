package io.outpost.relay.content;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects one message's bytes: in memory up to the memory threshold, then — moving what it has — in a spool file.
 * {@link #finish()} hands the bytes over as a {@link MessageContent} without copying them; {@link #close()} without
 * {@code finish()} throws them away. Not thread-safe: one session or worker writes it.
 *
 * <p>Memory is a list of chunks of at most {@link #CHUNK} octets, not one growing array: nothing is copied as the
 * message grows, and no chunk is large enough to be a "humongous" object of the G1 collector (half a region, 512 KiB
 * with the 1 MiB regions of a heap under 2 GiB), which would take whole regions and waste up to half of them.
 */
public final class ContentSink extends OutputStream {

    static final String FILE_PREFIX = "message-";
    static final int CHUNK = 64 * 1024;
    private static final int INITIAL = 4 * 1024;
    private static final Logger LOG = Logger.getLogger(ContentSink.class.getName());

    private final Path directory;
    private final int memoryThreshold;
    private final Runnable releaseReservation;
    private final AtomicBoolean released = new AtomicBoolean();
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastChunkUsed;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean finished;

    ContentSink(Path directory, int memoryThreshold, Runnable releaseReservation) {
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
        this.releaseReservation = releaseReservation;
    }

    @Override
    public void write(int b) throws IOException {
        if (fileOut == null && !chunks.isEmpty() && lastChunkUsed < lastChunk().length) {
            lastChunk()[lastChunkUsed++] = (byte) b;
            size++;
            return;
        }
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && size + length > memoryThreshold) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
            size += length;
            return;
        }
        int written = 0;
        while (written < length) {
            if (chunks.isEmpty() || lastChunkUsed == lastChunk().length) {
                // Small messages stay small: the first chunk is a few KiB, the next ones full size.
                chunks.add(new byte[chunks.isEmpty() ? INITIAL : CHUNK]);
                lastChunkUsed = 0;
            }
            int n = Math.min(length - written, lastChunk().length - lastChunkUsed);
            System.arraycopy(bytes, offset + written, lastChunk(), lastChunkUsed, n);
            lastChunkUsed += n;
            written += n;
        }
        size += length;
    }

    /** Octets written so far. */
    public long size() {
        return size;
    }

    /** The bytes written, to be read as often as needed and closed by whoever owns this sink. */
    public MessageContent finish() throws IOException {
        if (fileOut == null) {
            List<byte[]> kept = new ArrayList<>(chunks);
            if (!kept.isEmpty()) {
                kept.set(kept.size() - 1, Arrays.copyOf(lastChunk(), lastChunkUsed));
            }
            chunks.clear();
            finished = true;
            return MessageContent.inMemory(kept, size, this::release);
        }
        // Handed over only once the file is complete: if the last write fails, close() still deletes it and gives
        // the reservation back.
        fileOut.close();
        finished = true;
        return MessageContent.inFile(file, size, this::release);
    }

    /** Throws away what was written unless {@link #finish()} handed it over. */
    @Override
    public void close() {
        if (!finished) {
            chunks.clear();
            release();
        }
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, FILE_PREFIX, ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
        for (int i = 0; i < chunks.size(); i++) {
            fileOut.write(chunks.get(i), 0, i == chunks.size() - 1 ? lastChunkUsed : chunks.get(i).length);
        }
        chunks.clear();
    }

    private byte[] lastChunk() {
        return chunks.get(chunks.size() - 1);
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            if (fileOut != null) {
                closeQuietly(fileOut);
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "spool file " + file + " could not be deleted", e);
        } finally {
            releaseReservation.run();
        }
    }

    // A file whose last write failed may fail to close again; it is deleted all the same.
    private void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "spool file " + file + " did not close cleanly", e);
        }
    }
}

package io.outpost.relay.content;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects one message's bytes: in a growing array up to the memory threshold, then — moving what it has — in a spool
 * file. {@link #finish()} hands the bytes over as a {@link MessageContent} without copying them; {@link #close()}
 * without {@code finish()} throws them away. Not thread-safe: one session or worker writes it.
 */
public final class ContentSink extends OutputStream {

    static final String FILE_PREFIX = "message-";
    static final int CHUNK = 64 * 1024;
    private static final int INITIAL = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(ContentSink.class.getName());

    private final Path directory;
    private final int memoryThreshold;
    private final Runnable releaseReservation;
    private final AtomicBoolean released = new AtomicBoolean();
    private byte[] buffer;
    private int count;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean finished;

    ContentSink(Path directory, int memoryThreshold, Runnable releaseReservation) {
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
        this.releaseReservation = releaseReservation;
        this.buffer = new byte[Math.min(INITIAL, memoryThreshold)];
    }

    @Override
    public void write(int b) throws IOException {
        if (fileOut == null && count < buffer.length) {
            buffer[count++] = (byte) b;
            size++;
            return;
        }
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && count + length > buffer.length) {
            if (count + length <= memoryThreshold) {
                buffer = Arrays.copyOf(
                        buffer, (int) Math.min(memoryThreshold, Math.max(2L * buffer.length, count + length)));
            } else {
                spill();
            }
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }
        size += length;
    }

    /** Octets written so far. */
    public long size() {
        return size;
    }

    /** The bytes written, to be read as often as needed and closed by whoever owns this sink. */
    public MessageContent finish() throws IOException {
        finished = true;
        if (fileOut == null) {
            byte[] kept = buffer;
            buffer = null;
            return MessageContent.inMemory(kept, count, this::release);
        }
        fileOut.close();
        return MessageContent.inFile(file, size, this::release);
    }

    /** Throws away what was written unless {@link #finish()} handed it over. */
    @Override
    public void close() {
        if (!finished) {
            buffer = null;
            release();
        }
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, FILE_PREFIX, ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
        fileOut.write(buffer, 0, count);
        buffer = null;
        count = 0;
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            if (fileOut != null) {
                fileOut.close();
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
}

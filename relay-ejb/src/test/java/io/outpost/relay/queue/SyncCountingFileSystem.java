package io.outpost.relay.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:synccount:<path>}) that stores files as the default one does and counts the calls
 * of {@link FileChannel#force}: the fsyncs a database issues, seen from inside the JVM.
 */
// Public with a public constructor: H2 makes an instance per path by reflection.
public final class SyncCountingFileSystem extends FilePathWrapper {

    static final String PREFIX = "synccount:";

    private static final AtomicLong FORCES = new AtomicLong();

    static {
        FilePath.register(new SyncCountingFileSystem());
    }

    public SyncCountingFileSystem() {}

    /** Registers the file system (once) and returns the fsyncs counted so far. */
    static long forces() {
        return FORCES.get();
    }

    @Override
    public String getScheme() {
        return "synccount";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Counting(getBase().open(mode));
    }

    /** A channel that delegates everything and counts {@link #force}. */
    private static final class Counting extends FileBase {

        private final FileChannel base;

        Counting(FileChannel base) {
            this.base = base;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            FORCES.incrementAndGet();
            base.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}

package io.outpost.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileTest {

    @TempDir
    Path dir;

    private final AtomicInteger parses = new AtomicInteger();

    // Counts the lines; a line "bad" does not parse.
    private Integer parse(List<String> lines) {
        parses.incrementAndGet();
        if (lines.contains("bad")) {
            throw new IllegalArgumentException("line " + (lines.indexOf("bad") + 1) + ": bad");
        }
        return lines.size();
    }

    private Path write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
        // A new stamp even within one tick of the file system's clock.
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + parses.get() * 5_000L));
        return file;
    }

    @Test
    void parsesOnceAndAgainOnlyWhenTheFileChanges() throws Exception {
        Path file = write(dir.resolve("list"), "a", "b");
        WatchedFile<Integer> watched = WatchedFile.read(file, this::parse);

        assertThat(watched.current()).isEqualTo(2);
        assertThat(watched.current()).isEqualTo(2);
        assertThat(parses).hasValue(1);

        write(file, "a", "b", "c");
        assertThat(watched.current()).isEqualTo(3);
        assertThat(parses).hasValue(2);
    }

    @Test
    void aBrokenFileFailsEveryCallUntilItIsFixed() throws Exception {
        Path file = write(dir.resolve("list"), "a");
        WatchedFile<Integer> watched = WatchedFile.read(file, this::parse);

        write(file, "a", "bad");
        assertThatThrownBy(watched::current)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(watched::current).isInstanceOf(IllegalStateException.class);

        write(file, "a", "b");
        assertThat(watched.current()).isEqualTo(2);

        Files.delete(file);
        assertThatThrownBy(watched::current)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void aFileThatCannotBeReadOrParsedAtFirstIsRefusedAtOnce() throws Exception {
        assertThatThrownBy(() -> WatchedFile.read(dir.resolve("missing"), this::parse))
                .isInstanceOf(IOException.class);
        Path bad = write(dir.resolve("bad"), "bad");
        assertThatThrownBy(() -> WatchedFile.read(bad, this::parse)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.outpost.relay.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A real SpamAssassin daemon on 127.0.0.1 for tests: Debian's {@code /usr/sbin/spamd} (installed by .ci/run) with
 * local tests only ({@code -L}: no DNS blocklists, no Razor or Pyzor, nothing leaves the machine), one child, the
 * rules Debian ships, its own home and pid file in a temporary folder. Ready in about 2 s.
 *
 * <pre>{@code
 * try (Spamd spamd = Spamd.start(0)) {
 *     new Socket("127.0.0.1", spamd.port());
 * }
 * }</pre>
 */
public final class Spamd implements AutoCloseable {

    private static final Path SPAMD = Path.of("/usr/sbin/spamd");
    private static Spamd shared;

    private final Process process;
    private final Path home;
    private final int port;

    private Spamd(Process process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /** Starts spamd on {@code port} (0: a free one) and waits until it takes connections. */
    public static Spamd start(int port) throws IOException, InterruptedException {
        int listen = port == 0 ? freePort() : port;
        Path home = Files.createTempDirectory("outpost-spamd");
        // spamd run as root drops to nobody, who must be able to write its home.
        home.toFile().setWritable(true, false);
        Process process = new ProcessBuilder(List.of(
                        SPAMD.toString(),
                        "--listen=127.0.0.1:" + listen,
                        "--allowed-ips=127.0.0.1",
                        "--local",
                        "--max-children=1",
                        "--nouser-config",
                        "--helper-home-dir=" + home,
                        "--pidfile=" + home.resolve("spamd.pid"),
                        "--syslog=" + home.resolve("spamd.log")))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("spamd.out").toFile())
                .start();
        Spamd spamd = new Spamd(process, home, listen);
        spamd.awaitReady(Duration.ofSeconds(30));
        return spamd;
    }

    /** One spamd on {@code port} for the whole test run, stopped when the JVM exits. */
    public static synchronized Spamd shared(int port) throws IOException, InterruptedException {
        if (shared == null) {
            Spamd started = start(port);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            shared = started;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("spamd exited with " + process.exitValue() + ": "
                        + Files.readString(home.resolve("spamd.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("spamd did not listen on 127.0.0.1:" + port + " within " + limit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        // spamd's children are its own: ending the parent (SIGTERM) ends them too.
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind harms no test.
        }
    }
}

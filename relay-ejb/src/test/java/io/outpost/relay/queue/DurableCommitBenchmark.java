package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What fsync before the 250 costs on the embedded database: sessions that each commit one message (one message row,
 * one recipient row, written by {@link QueueCommits#store} as intake writes them) through a {@link GroupCommitter} and
 * wait for it, on an H2 file database, with and without the sync after each batch ({@link QueueCommits#syncToDisk}). Reports messages per second, batches and the
 * fsyncs H2 issued (counted by {@link SyncCountingFileSystem}). A benchmark, not a test: run by
 * {@code bench/durable-commit.sh}; docs/performance.md has the figures.
 *
 * <p>Arguments: a work directory, then optionally messages per run, message size in bytes and session counts.
 */
public final class DurableCommitBenchmark {

    private DurableCommitBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/durable-commit");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        int[] sessions = {1, 20};
        Files.createDirectories(work);
        System.out.printf(
                "# durable-commit %s nproc=%d messages=%d size=%d java=%s%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                messages,
                size,
                System.getProperty("java.version"));
        int run = 0;
        for (int repeat = 0; repeat < 2; repeat++) {
            for (int concurrent : sessions) {
                for (boolean sync : new boolean[] {false, true}) {
                    try (QueueDatabase db = QueueDatabase.h2CountingSyncs(work.resolve("h2-" + run++))) {
                        measure(db, concurrent, sync, concurrent == 1 ? messages / 4 : messages, size, repeat == 0);
                    }
                }
            }
        }
    }

    private static void measure(QueueDatabase db, int sessions, boolean sync, int messages, int size, boolean warmUp)
            throws Exception {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'x');
        AtomicLong batches = new AtomicLong();
        QueueCommits commits = db.commits("bench", Duration.ofMinutes(5), Clock.systemUTC());
        Runnable afterCommit = sync ? commits::syncToDisk : () -> {};
        NewMessage message = new NewMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(EmailAddress.parse("rcpt@example.test")),
                MessageContent.of(content),
                "127.0.0.1",
                false,
                Optional.empty(),
                "not signed");
        long forcesBefore = SyncCountingFileSystem.forces();
        long start = System.nanoTime();
        try (GroupCommitter<NewMessage, StoredMessage> committer = new GroupCommitter<>(
                "bench",
                128,
                batch -> {
                    batches.incrementAndGet();
                    return commits.store(batch);
                },
                afterCommit,
                Thread::new)) {
            ExecutorService clients = Executors.newFixedThreadPool(sessions);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int share = messages / sessions;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        committer.submit(message).join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long forces = SyncCountingFileSystem.forces() - forcesBefore;
        int stored = (messages / sessions) * sessions;
        System.out.printf(
                Locale.ROOT,
                "%s sessions=%d sync=%s messages=%d msg_per_s=%.0f batches=%d msg_per_batch=%.1f fsyncs=%d%n",
                warmUp ? "warmup" : "result",
                sessions,
                sync,
                stored,
                stored / seconds,
                batches.get(),
                (double) stored / batches.get(),
                forces);
    }
}

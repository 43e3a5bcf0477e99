package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the queue tests that run each case on both real databases Outpost supports: H2 (the embedded default) and
 * PostgreSQL. Parameterise a test with {@code @MethodSource("databases")}; each starts from tables it empties itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnBothDatabases {

    /** When the test rows were received; what the tests' clocks read. */
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    /**
     * A tenant's message as an API key submits it: a short text to {@code to}, from the client 192.0.2.7, no recipient
     * refused, sent as {@code options} ask.
     */
    static NewMessage tenantMessage(TenantId tenant, ReversePath sender, List<EmailAddress> to, SendOptions options) {
        return new NewMessage(
                sender,
                to,
                MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                "192.0.2.7",
                false,
                Optional.empty(),
                "test",
                Optional.of(tenant),
                Optional.empty(),
                Optional.of("key-1"),
                Optional.empty(),
                List.of(),
                options,
                OptionalLong.empty());
    }

    private final String name;
    private final boolean h2OnDisk;
    QueueDatabase h2;
    QueueDatabase postgres;

    OnBothDatabases(String name) {
        this(name, false);
    }

    /** With {@code h2OnDisk}, H2 is a file database, for what only a file store does (large objects that stream). */
    OnBothDatabases(String name, boolean h2OnDisk) {
        this.name = name;
        this.h2OnDisk = h2OnDisk;
    }

    @BeforeAll
    void startDatabases() throws Exception {
        h2 = h2OnDisk ? QueueDatabase.h2(fresh(Path.of("target", name, "h2"))) : QueueDatabase.h2InMemory(name);
        postgres = QueueDatabase.postgres(Path.of("target", name, "pg"), false);
    }

    @AfterAll
    void stopDatabases() throws Exception {
        if (h2 != null) {
            h2.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // Each run starts from an empty database, as PostgreSQL's cluster does (setCleanDataDirectory).
    private static Path fresh(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return directory;
    }

    Stream<QueueDatabase> databases() {
        return Stream.of(h2, postgres);
    }

    /** A pending recipient due at {@code due}, of a message of its own; returns the recipient's id. */
    static long insert(QueueDatabase db, Instant due) {
        return db.inTransaction(em -> {
            QueuedRecipient row = newRecipient(em, due);
            em.flush();
            return row.id();
        });
    }

    static QueuedRecipient newRecipient(EntityManager em, Instant due) {
        return QueueDatabase.newRecipient(em, NOW, due);
    }
}

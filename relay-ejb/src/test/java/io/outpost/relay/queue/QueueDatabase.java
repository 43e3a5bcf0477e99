package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.schema.DatabaseSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The persistence unit "outpost" outside Liberty: EclipseLink in Java SE with resource-local transactions, on a real H2
 * file database or a real PostgreSQL (zonky's embedded binaries), schema made by the server's own migrations
 * ({@link DatabaseSchema}). For the claim, retention and upgrade tests and the queue-scale benchmark; bulk loading is
 * plain SQL so a million rows take seconds.
 */
final class QueueDatabase implements AutoCloseable {

    /** Bulk-loaded rows get ids from here up, far above what the sequences hand out to JPA inserts. */
    static final long BULK_ID_BASE = 1_000_000_000L;

    private final String kind;
    private final EntityManagerFactory emf;
    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;

    private QueueDatabase(String kind, EntityManagerFactory emf, EmbeddedPostgres postgres, DataSource dataSource) {
        this.kind = kind;
        this.emf = emf;
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    /** An H2 file database in {@code directory}, with the URL options Outpost's embedded default uses. */
    static QueueDatabase h2(Path directory) throws IOException {
        return h2(directory, "");
    }

    /**
     * An H2 file database in {@code directory} on which {@code olderRelease} (SQL statements, each ending with a
     * semicolon at the end of a line) ran before the migrations: what an older Outpost left behind.
     */
    static QueueDatabase h2(Path directory, String olderRelease) throws IOException {
        return h2("file:", directory, olderRelease);
    }

    /** An H2 file database as {@link #h2(Path)} whose fsyncs {@link SyncCountingFileSystem} counts. */
    static QueueDatabase h2CountingSyncs(Path directory) throws IOException {
        SyncCountingFileSystem.forces();
        return h2(SyncCountingFileSystem.PREFIX, directory, "");
    }

    private static QueueDatabase h2(String fileSystem, Path directory, String olderRelease) throws IOException {
        Files.createDirectories(directory);
        String url = "jdbc:h2:" + fileSystem + directory.toAbsolutePath().resolve("outpost")
                + ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=100;RETENTION_TIME=10000";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new QueueDatabase(
                "h2", open(dataSource, "h2", url, "sa", "", "org.h2.Driver", olderRelease), null, dataSource);
    }

    /** An H2 in-memory database with the same mode, for tests: plans are the file database's, commits cost no fsync. */
    static QueueDatabase h2InMemory(String name) {
        String url = "jdbc:h2:mem:" + name + ";MODE=LEGACY;DB_CLOSE_DELAY=-1";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new QueueDatabase("h2", open(dataSource, "h2", url, "sa", "", "org.h2.Driver", ""), null, dataSource);
    }

    /** A fresh PostgreSQL cluster with its data directory at {@code dataDirectory}, durable as in production. */
    static QueueDatabase postgres(Path dataDirectory) throws IOException {
        return postgres(dataDirectory, true, "");
    }

    /** A fresh PostgreSQL cluster on which {@code olderRelease} ran before the migrations, as {@link #h2(Path, String)}. */
    static QueueDatabase postgres(Path dataDirectory, String olderRelease) throws IOException {
        return postgres(dataDirectory, true, olderRelease);
    }

    /**
     * A fresh PostgreSQL cluster; not {@code durable} turns off fsync and synchronous commit, which changes the cost of
     * a commit but not a plan, for tests.
     */
    static QueueDatabase postgres(Path dataDirectory, boolean durable) throws IOException {
        return postgres(dataDirectory, durable, "");
    }

    private static QueueDatabase postgres(Path dataDirectory, boolean durable, String olderRelease) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true);
        if (!durable) {
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            String url = postgres.getJdbcUrl("postgres", "postgres").replace("localhost", "127.0.0.1");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            return new QueueDatabase(
                    "postgresql",
                    open(dataSource, "postgresql", url, "postgres", "", "org.postgresql.Driver", olderRelease),
                    postgres,
                    dataSource);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static EntityManagerFactory open(
            DataSource dataSource,
            String kind,
            String url,
            String user,
            String password,
            String driver,
            String olderRelease) {
        runScript(dataSource, olderRelease);
        DatabaseSchema.upgrade(dataSource, kind);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.jdbc.url", url);
        properties.put("jakarta.persistence.jdbc.user", user);
        properties.put("jakarta.persistence.jdbc.password", password);
        properties.put("jakarta.persistence.jdbc.driver", driver);
        // EclipseLink shares one session per unit name: each database needs its own, or closing one closes both.
        properties.put("eclipselink.session-name", "outpost-" + url);
        properties.put("eclipselink.logging.level", "SEVERE");
        return Persistence.createEntityManagerFactory("outpost", properties);
    }

    private static void runScript(DataSource dataSource, String script) {
        if (script.isBlank()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("older release's script failed: " + e.getMessage(), e);
        }
    }

    /** Runs one query on a connection of its own and returns the first column of each row. */
    List<Object> query(String sql) {
        return inTransaction(em -> em.createNativeQuery(sql).getResultList());
    }

    /** The stored bytes of a message, read back the way delivery reads them ({@link ContentColumn}). */
    byte[] content(long messageId) {
        return inTransaction(em -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long size = ((Number) em.createNativeQuery("SELECT size_octets FROM outpost_message WHERE id = ?1")
                            .setParameter(1, messageId)
                            .getSingleResult())
                    .longValue();
            try {
                ContentColumn.forDatabase(kind).read(em.unwrap(java.sql.Connection.class), messageId, size, out);
            } catch (java.sql.SQLException | IOException e) {
                throw new IllegalStateException("content of message " + messageId + " not read", e);
            }
            return out.toByteArray();
        });
    }

    /** Persists a one-byte message received at {@code now} with one recipient due at {@code due}, as QueueStore does. */
    static QueuedRecipient newRecipient(EntityManager em, Instant now, Instant due) {
        QueuedMessage message = new QueuedMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                now,
                "127.0.0.1",
                false,
                1,
                Optional.empty(),
                "not signed");
        em.persist(message);
        em.flush();
        // The content column is written by ContentColumn, never through the entity.
        em.createNativeQuery("UPDATE outpost_message SET content = ?1 WHERE id = ?2")
                .setParameter(1, new byte[] {'x'})
                .setParameter(2, message.id())
                .executeUpdate();
        QueuedRecipient row = new QueuedRecipient(message, EmailAddress.parse("rcpt@example.test"), due, null, now);
        em.persist(row);
        return row;
    }

    /** {@code "h2"} or {@code "postgresql"}, as {@link DueClaimer#forDatabase(String)} takes it. */
    String kind() {
        return kind;
    }

    /** What the server writes in plain JDBC on this database, as {@code node} with claims leased for {@code lease}. */
    QueueCommits commits(String node, Duration lease, Clock clock) {
        return new QueueCommits(dataSource, kind, node, lease, clock);
    }

    /** Work on one JDBC connection, in a transaction committed when it returns. */
    interface JdbcWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a JDBC transaction of its own, committed before this returns. */
    <T> T inJdbcTransaction(JdbcWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives a persisted recipient the outcome of an attempt at {@code when}, as {@link ClaimFence#record} writes it:
     * the state, the reply, the next attempt (for DEFERRED), no claim. Inside the caller's transaction.
     */
    static void recordOutcome(
            EntityManager em, QueuedRecipient row, RecipientState state, String reply, Instant next, Instant when) {
        em.flush();
        // PostgreSQL cannot type a NULL parameter as a timestamp: no next attempt is written as the literal.
        var update = em.createNativeQuery("UPDATE outpost_recipient SET state = ?1, last_reply = ?2, updated_at = ?3,"
                        + " next_attempt_at = " + (next == null ? "NULL" : "?4")
                        + ", attempts = attempts + 1, claimed_by = NULL, claim_token = NULL WHERE id = ?5")
                .setParameter(1, state.name())
                .setParameter(2, reply)
                .setParameter(3, java.sql.Timestamp.from(when))
                .setParameter(5, row.id());
        if (next != null) {
            update.setParameter(4, java.sql.Timestamp.from(next));
        }
        update.executeUpdate();
    }

    /** A message's story in order: each event as {@code KIND} or {@code KIND recipient-id}, then its detail. */
    List<String> story(long messageId) {
        return query("SELECT kind || COALESCE(' ' || CAST(recipient_id AS VARCHAR(20)), '') || ': ' || detail"
                        + " FROM outpost_event WHERE message_id = " + messageId + " ORDER BY id")
                .stream()
                .map(String::valueOf)
                .toList();
    }

    DueClaimer claimer() {
        return DueClaimer.forDatabase(kind);
    }

    /** The claimer's own statement that picks the due rows, for EXPLAIN. Parameters: now, limit. */
    String dueSelect() {
        return "postgresql".equals(kind)
                ? PostgresDueClaimer.DUE_IDS.replace("?3", "?1").replace("?4", "?2")
                : PortableDueClaimer.SELECT_DUE;
    }

    /** Runs {@code work} in one resource-local transaction with a fresh EntityManager, and commits. */
    <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    EntityManager createEntityManager() {
        return emf.createEntityManager();
    }

    /** Leases up to {@code limit} due rows at {@code now} for {@code lease} seconds, in one transaction. */
    List<Claim> claim(Instant now, long leaseSeconds, int limit) {
        return inTransaction(em -> claimer().claim(em, now, now.plusSeconds(leaseSeconds), "test-node", limit));
    }

    /** The plan of the claim's select of due rows at {@code now}, one line per row of EXPLAIN output. */
    List<String> explainDueSelect(Instant now, int limit) {
        return inTransaction(em -> em
                .createNativeQuery("EXPLAIN " + dueSelect())
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList()
                .stream()
                .map(String::valueOf)
                .toList());
    }

    /** The plan of the claim's select, executed (H2: with scan counts; PostgreSQL: with timings), then rolled back. */
    List<String> explainAnalyzeDueSelect(Instant now, int limit) {
        String explain = "postgresql".equals(kind) ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ";
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            return em
                    .createNativeQuery(explain + dueSelect())
                    .setParameter(1, Timestamp.from(now))
                    .setParameter(2, limit)
                    .getResultList()
                    .stream()
                    .map(String::valueOf)
                    .toList();
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    void deleteAll() {
        inTransaction(em -> {
            em.createNativeQuery("DELETE FROM outpost_event").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_stats").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_suppression_change").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_suppression").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_soft_bounce").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_message_lookup").executeUpdate();
            em.createNativeQuery("DELETE FROM outpost_recipient").executeUpdate();
            return em.createNativeQuery("DELETE FROM outpost_message").executeUpdate();
        });
    }

    /**
     * Loads {@code recipients} rows spread over {@code messages} messages in two INSERT … SELECT statements: of every
     * 100 recipients 90 are final (no next attempt), 9 deferred to after {@code now} and 1 due before it, interleaved.
     */
    void bulkLoad(int messages, int recipients, Instant now) {
        boolean pg = "postgresql".equals(kind);
        String range = pg ? " FROM generate_series(1, ?2) AS g(x)" : " FROM SYSTEM_RANGE(1, ?2)";
        String plusSeconds =
                pg ? "CAST(?3 AS TIMESTAMP) + x * INTERVAL '1 second'" : "DATEADD(SECOND, x, CAST(?3 AS TIMESTAMP))";
        String plusMillis = pg
                ? "CAST(?4 AS TIMESTAMP) + x * INTERVAL '1 millisecond'"
                : "DATEADD(MILLISECOND, x, CAST(?4 AS TIMESTAMP))";
        String content = pg ? "CAST('x' AS BYTEA)" : "X'78'";
        inTransaction(em -> {
            em.createNativeQuery("INSERT INTO outpost_message"
                            + " (id, envelope_sender, received_at, client_address, size_octets, smtp_utf8, content)"
                            + " SELECT ?1 + x, 'sender@example.test', ?3, '127.0.0.1', 1, FALSE, " + content
                            + range)
                    .setParameter(1, BULK_ID_BASE)
                    .setParameter(2, messages)
                    .setParameter(3, Timestamp.from(now))
                    .executeUpdate();
            return em.createNativeQuery("INSERT INTO outpost_recipient"
                            + " (id, message_id, address, state, attempts, next_attempt_at, updated_at)"
                            + " SELECT ?1 + x, ?1 + 1 + MOD(x, ?5), CONCAT('r', x, '@example.test'),"
                            + " CASE WHEN MOD(x, 100) < 90 THEN 'DELIVERED' WHEN MOD(x, 100) < 99 THEN 'DEFERRED'"
                            + " ELSE 'QUEUED' END, 1,"
                            + " CASE WHEN MOD(x, 100) < 90 THEN NULL"
                            + " WHEN MOD(x, 100) < 99 THEN " + plusSeconds
                            + " ELSE " + plusMillis + " END, ?3"
                            + range)
                    .setParameter(1, BULK_ID_BASE)
                    .setParameter(2, recipients)
                    .setParameter(3, Timestamp.from(now.plusSeconds(60)))
                    .setParameter(4, Timestamp.from(now.minusSeconds(3600)))
                    .setParameter(5, messages)
                    .executeUpdate();
        });
        if (pg) {
            inTransaction(
                    em -> em.createNativeQuery("ANALYZE outpost_recipient").executeUpdate());
        } else {
            inTransaction(em ->
                    em.createNativeQuery("ANALYZE TABLE outpost_recipient").executeUpdate());
        }
    }

    @Override
    public String toString() {
        return kind;
    }

    @Override
    public void close() throws IOException {
        try {
            emf.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}

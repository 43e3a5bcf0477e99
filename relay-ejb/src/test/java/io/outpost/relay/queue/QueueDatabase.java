package io.outpost.relay.queue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The persistence unit "outpost" outside Liberty: EclipseLink in Java SE with resource-local transactions, on a real H2
 * file database or a real PostgreSQL (zonky's embedded binaries), schema generated from the entities exactly as on the
 * server. For the claim tests and the queue-scale benchmark; bulk loading is plain SQL so a million rows take seconds.
 */
final class QueueDatabase implements AutoCloseable {

    /** Bulk-loaded rows get ids from here up, far above what the sequences hand out to JPA inserts. */
    static final long BULK_ID_BASE = 1_000_000_000L;

    private final String kind;
    private final EntityManagerFactory emf;
    private final EmbeddedPostgres postgres;

    private QueueDatabase(String kind, EntityManagerFactory emf, EmbeddedPostgres postgres) {
        this.kind = kind;
        this.emf = emf;
        this.postgres = postgres;
    }

    /** An H2 file database in {@code directory}, with the URL options Outpost's embedded default uses. */
    static QueueDatabase h2(Path directory) throws IOException {
        Files.createDirectories(directory);
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("outpost")
                + ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return new QueueDatabase("h2", open(url, "sa", "", "org.h2.Driver"), null);
    }

    /** An H2 in-memory database with the same mode, for tests: plans are the file database's, commits cost no fsync. */
    static QueueDatabase h2InMemory(String name) {
        String url = "jdbc:h2:mem:" + name + ";MODE=LEGACY;DB_CLOSE_DELAY=-1";
        return new QueueDatabase("h2", open(url, "sa", "", "org.h2.Driver"), null);
    }

    /** A fresh PostgreSQL cluster with its data directory at {@code dataDirectory}, durable as in production. */
    static QueueDatabase postgres(Path dataDirectory) throws IOException {
        return postgres(dataDirectory, true);
    }

    /**
     * A fresh PostgreSQL cluster; not {@code durable} turns off fsync and synchronous commit, which changes the cost of
     * a commit but not a plan, for tests.
     */
    static QueueDatabase postgres(Path dataDirectory, boolean durable) throws IOException {
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
            return new QueueDatabase("postgresql", open(url, "postgres", "", "org.postgresql.Driver"), postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static EntityManagerFactory open(String url, String user, String password, String driver) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.jdbc.url", url);
        properties.put("jakarta.persistence.jdbc.user", user);
        properties.put("jakarta.persistence.jdbc.password", password);
        properties.put("jakarta.persistence.jdbc.driver", driver);
        // EclipseLink shares one session per unit name: each database needs its own, or closing one closes both.
        properties.put("eclipselink.session-name", "outpost-" + url);
        // The same schema generation as persistence.xml, so the tables and indexes are the server's.
        properties.put("eclipselink.ddl-generation", "create-or-extend-tables");
        properties.put("eclipselink.ddl-generation.output-mode", "database");
        properties.put("eclipselink.deploy-on-startup", "true");
        // SEVERE, not WARNING: create-or-extend-tables warns that the sequences it just created already exist.
        properties.put("eclipselink.logging.level", "SEVERE");
        return Persistence.createEntityManagerFactory("outpost", properties);
    }

    /** {@code "h2"} or {@code "postgresql"}, as {@link DueClaimer#forDatabase(String)} takes it. */
    String kind() {
        return kind;
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

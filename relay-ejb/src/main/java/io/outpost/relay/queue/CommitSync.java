package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;

/**
 * Forces committed transactions to the disk where the database does not at commit. H2 (MVStore) writes each commit to
 * the operating system but never calls fsync, so a power cut or kernel crash could lose mail already answered 250;
 * {@code CHECKPOINT SYNC} flushes and fsyncs its file. One call after a group commit makes the whole batch durable (see
 * docs/performance.md for the cost). PostgreSQL already fsyncs its WAL at commit ({@code synchronous_commit=on}).
 */
final class CommitSync {

    /** H2's statement: flush the store, then FileChannel.force on its file. Needs an admin user (the database's owner). */
    static final String H2_SYNC = "CHECKPOINT SYNC";

    private CommitSync() {}

    /** Makes every transaction committed before this call durable on a database of {@code kind}. */
    static void afterCommit(EntityManager em, String kind) {
        if ("h2".equals(kind)) {
            em.createNativeQuery(H2_SYNC).executeUpdate();
        }
    }
}

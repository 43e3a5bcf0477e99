package io.outpost.relay.queue;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.config.TestSettings;
import io.outpost.relay.content.Spool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link QueueStore} on a real H2 file database outside the container: each call runs the real QueueStore method in
 * a transaction of its own, committed before it returns, as the container does; with the real {@link QueueCommits} on
 * the same database. For tests of delivery end to end.
 */
public final class TransactionalQueue extends QueueStore implements AutoCloseable {

    private final QueueDatabase db;
    private final RelayConfiguration config;
    private final Spool spool = Spool.temporary(1024 * 1024, 1L << 30);
    private final QueueCommits commits;

    private TransactionalQueue(QueueDatabase db, Duration lease) {
        this.db = db;
        this.config = TestSettings.of(Map.of(
                "outpost.delivery.lease",
                lease.toMillis() + "ms",
                "outpost.node.id",
                "test-node",
                "outpost.db.kind",
                db.kind()));
        this.commits = db.commits("test-node", lease, Clock.systemUTC());
    }

    /** A fresh queue in an H2 file database under {@code directory}, leasing claims for {@code lease}. */
    public static TransactionalQueue h2(Path directory, Duration lease) throws IOException {
        return new TransactionalQueue(QueueDatabase.h2(directory), lease);
    }

    /** The group committers' writes on the same database. */
    public QueueCommits commits() {
        return commits;
    }

    /** Commits new messages as intake does ({@link QueueCommits#store}). */
    public List<StoredMessage> store(List<NewMessage> batch) {
        return commits.store(batch);
    }

    @Override
    public List<Claim> claimDue(int limit) {
        return inTransaction(queue -> queue.claimDue(limit));
    }

    @Override
    public MessageForDelivery load(long messageId) {
        return inTransaction(queue -> queue.load(messageId));
    }

    /** Records outcomes as delivery does ({@link QueueCommits#record}). */
    public List<List<StoredMessage>> record(List<AttemptRecord> attempts) {
        return commits.record(attempts);
    }

    @Override
    public int renew(List<Claim> claims) {
        return inTransaction(queue -> queue.renew(claims));
    }

    @Override
    public int release(List<Claim> claims) {
        return inTransaction(queue -> queue.release(claims));
    }

    @Override
    public int releaseClaimsOfThisNode() {
        return inTransaction(QueueStore::releaseClaimsOfThisNode);
    }

    @Override
    public Map<RecipientState, Long> countByState() {
        return inTransaction(QueueStore::countByState);
    }

    private <T> T inTransaction(Function<QueueStore, T> work) {
        return db.inTransaction(em -> work.apply(new QueueStore(em, config, spool)));
    }

    @Override
    public void close() throws IOException {
        db.close();
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.EventPublisher.Committed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event stream on both databases: each tenant reads its own messages' events in the order they were published, page
 * after page from the position it got, with none missed or seen twice, and what a crash left unpublished comes at the
 * next start.
 */
class EventFeedTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final TenantId BANK = TenantId.of("bank");

    EventFeedTest() {
        super("event-feed-test");
    }

    private static QueueCommits commits(QueueDatabase db) {
        return db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StoredMessage store(QueueCommits commits, TenantId tenant, String recipient) {
        return commits.store(List.of(new NewMessage(
                        ReversePath.of(EmailAddress.parse("news@" + tenant + ".example")),
                        List.of(EmailAddress.parse(recipient)),
                        MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                        "192.0.2.7",
                        false,
                        Optional.empty(),
                        "test",
                        Optional.of(tenant))))
                .get(0);
    }

    /** Records the message's one recipient as delivered; the event it made, to publish. */
    private static List<Committed> delivered(QueueDatabase db, QueueCommits commits, StoredMessage message) {
        Claim claim = message.claims().get(0);
        commits.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        claim.recipientId(),
                        claim.token(),
                        RecipientState.DELIVERED,
                        "250 2.0.0 ok",
                        Optional.empty())),
                Optional.empty())));
        long eventId = ((Number) db.query("SELECT MAX(id) FROM outpost_event WHERE message_id = " + message.messageId())
                        .get(0))
                .longValue();
        return List.of(Committed.event(eventId));
    }

    private static EventPage read(QueueDatabase db, TenantId tenant, long after, int limit) {
        return db.inTransaction(em -> EventFeed.read(em, tenant, after, limit));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void eachTenantReadsItsOwnEventsInPublishedOrderPageAfterPage(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db);
        StoredMessage first = store(commits, SHOP, "a@dest.test");
        StoredMessage other = store(commits, BANK, "b@dest.test");
        StoredMessage second = store(commits, SHOP, "c@dest.test");
        commits.publish(List.of(
                Committed.message(first.messageId()),
                Committed.message(other.messageId()),
                Committed.message(second.messageId())));
        commits.publish(delivered(db, commits, first));

        EventPage page1 = read(db, SHOP, 0, 2);
        EventPage page2 = read(db, SHOP, page1.next(), 2);
        EventPage end = read(db, SHOP, page2.next(), 2);

        assertThat(page1.events())
                .extracting(event -> event.messageId().orElseThrow(), EventPage.Event::kind, EventPage.Event::recipient)
                .containsExactly(
                        tuple(first.messageId(), EventKind.QUEUED, Optional.empty()),
                        tuple(second.messageId(), EventKind.QUEUED, Optional.empty()));
        assertThat(page1.events().get(0).detail()).isEqualTo("from <news@shop.example>, 21 octets");
        assertThat(page2.events())
                .extracting(event -> event.messageId().orElseThrow(), EventPage.Event::kind, EventPage.Event::recipient)
                .containsExactly(tuple(first.messageId(), EventKind.DELIVERED, Optional.of("a@dest.test")));
        assertThat(page2.events().get(0).detail()).isEqualTo("250 2.0.0 ok");
        // Nothing newer: the reader keeps its position and asks again later.
        assertThat(end.events()).isEmpty();
        assertThat(end.next()).isEqualTo(page2.next());
        assertThat(read(db, BANK, 0, 10).events())
                .extracting(event -> event.messageId().orElseThrow(), EventPage.Event::kind)
                .containsExactly(tuple(other.messageId(), EventKind.QUEUED));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void theStoryTellsItsQueuedEventOnceWhetherPublishedOrNot(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db);
        StoredMessage message = store(commits, SHOP, "a@dest.test");

        long before = queuedInStory(db, message);
        commits.publish(List.of(Committed.message(message.messageId())));

        assertThat(before).isEqualTo(1);
        assertThat(queuedInStory(db, message)).isEqualTo(1);
    }

    private static long queuedInStory(QueueDatabase db, StoredMessage message) {
        return db
                .inTransaction(em -> MessageStories.find(em, message.messageId(), Optional.of(SHOP)))
                .orElseThrow()
                .events()
                .stream()
                .filter(event -> event.kind() == EventKind.QUEUED)
                .count();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void whatACrashLeftUnpublishedIsPublishedOnceAtTheNextStart(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = commits(db);
        StoredMessage published = store(commits, SHOP, "a@dest.test");
        commits.publish(List.of(Committed.message(published.messageId())));
        // As if the server died after these commits, before their publishing transaction.
        StoredMessage lost = store(commits, SHOP, "b@dest.test");
        delivered(db, commits, published);

        assertThat(commits.publishUnpublished(Duration.ofMinutes(10))).isEqualTo(2);
        assertThat(commits.publishUnpublished(Duration.ofMinutes(10))).isZero();
        assertThat(read(db, SHOP, 0, 10).events())
                .extracting(event -> event.messageId().orElseThrow(), EventPage.Event::kind)
                .containsExactly(
                        tuple(published.messageId(), EventKind.QUEUED),
                        tuple(lost.messageId(), EventKind.QUEUED),
                        tuple(published.messageId(), EventKind.DELIVERED));
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tracking.TrackingOverride;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scheduled message on both databases: committed with its stream and time, its recipients unclaimed until then and
 * claimed by any node once due; cancelled before its time by its own tenant only, and not once a node has claimed it.
 */
class ScheduledMessageTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final Instant SEND_AT = NOW.plus(Duration.ofHours(2));

    ScheduledMessageTest() {
        super("scheduled-message-test");
    }

    private static QueueCommits commits(QueueDatabase db, Instant now) {
        return db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StoredMessage schedule(QueueDatabase db, Optional<Instant> sendAt) {
        return commits(db, NOW)
                .store(List.of(tenantMessage(
                        SHOP,
                        ReversePath.of(EmailAddress.parse("news@shop.example")),
                        List.of(EmailAddress.parse("ann@dest.test"), EmailAddress.parse("bob@dest.test")),
                        new SendOptions(
                                MessageStream.BULK,
                                sendAt,
                                Optional.empty(),
                                Optional.empty(),
                                TrackingOverride.NONE,
                                Optional.empty()))))
                .get(0);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void itsRecipientsWaitUnclaimedUntilItsTimeThenAnyNodeClaimsThem(QueueDatabase db) {
        db.deleteAll();
        StoredMessage stored = schedule(db, Optional.of(SEND_AT));

        assertThat(stored.claims()).isEmpty();
        assertThat(stored.message()).isEmpty();
        assertThat(db.claim(SEND_AT.minusSeconds(1), 60, 10)).isEmpty();
        assertThat(db.claim(SEND_AT, 60, 10)).hasSize(2);
        MessageStory story = db.inTransaction(em -> MessageStories.find(em, stored.messageId(), Optional.of(SHOP)))
                .orElseThrow();
        assertThat(story.stream()).contains(MessageStream.BULK);
        assertThat(story.sendAt()).contains(SEND_AT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void itsTenantCancelsItBeforeItsTimeOnceAndForAll(QueueDatabase db) {
        db.deleteAll();
        long id = schedule(db, Optional.of(SEND_AT)).messageId();
        QueueCommits commits = commits(db, NOW.plusSeconds(60));

        Cancellation byOther = commits.cancelScheduled(id, TenantId.of("rival"));
        Cancellation cancelled = commits.cancelScheduled(id, SHOP);
        Cancellation again = commits.cancelScheduled(id, SHOP);

        assertThat(byOther).isEqualTo(new Cancellation.NotFound());
        assertThat(cancelled).isEqualTo(new Cancellation.Cancelled(2, SEND_AT));
        assertThat(again).isEqualTo(new Cancellation.Cancelled(2, SEND_AT));
        assertThat(db.claim(SEND_AT.plusSeconds(1), 60, 10)).isEmpty();
        assertThat(db.story(id))
                .singleElement()
                .asString()
                .startsWith("CANCELLED: cancelled before its time (" + SEND_AT + "): 2 recipient(s)");
        MessageStory story = db.inTransaction(em -> MessageStories.find(em, id, Optional.of(SHOP)))
                .orElseThrow();
        assertThat(story.recipients()).extracting(MessageStory.Recipient::state).containsOnly(RecipientState.CANCELLED);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aMessageSentAtOnceOrAlreadyClaimedIsNotCancelled(QueueDatabase db) {
        db.deleteAll();
        long atOnce = schedule(db, Optional.empty()).messageId();
        long due = schedule(db, Optional.of(SEND_AT)).messageId();
        db.claim(SEND_AT, 60, 10);

        assertThat(commits(db, SEND_AT).cancelScheduled(atOnce, SHOP)).isEqualTo(new Cancellation.NotScheduled());
        assertThat(commits(db, SEND_AT).cancelScheduled(due, SHOP)).isEqualTo(new Cancellation.AlreadyDue(SEND_AT));
    }
}

package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.tracking.TrackingOverride;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listing a tenant's messages on both databases: newest first, page after page by cursor with none seen twice or
 * skipped, each filter, never another tenant's, and a Message-ID found across tenants only when asked without one.
 */
class MessageListingTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final TenantId BANK = TenantId.of("bank");

    private int taggedSoFar;

    MessageListingTest() {
        super("message-listing-test");
    }

    /** Messages 0..count-1 of {@code tenant}, one second apart from {@code NOW}, to r{i}@dest.test, Message-ID m{i}@{tenant}. */
    private static List<Long> store(QueueDatabase db, TenantId tenant, int count, int sameSecondEvery) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Some share their second, so that the cursor's tie-break on the id is exercised.
            Instant at = NOW.plusSeconds(sameSecondEvery > 0 ? i / sameSecondEvery : i);
            QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(at, ZoneOffset.UTC));
            NewMessage message = new NewMessage(
                    ReversePath.of(EmailAddress.parse((i % 2 == 0 ? "news" : "billing") + "@" + tenant + ".example")),
                    List.of(EmailAddress.parse("r" + i + "@dest.test")),
                    MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                    "192.0.2.7",
                    false,
                    Optional.empty(),
                    "test",
                    Optional.of(tenant),
                    Optional.of("m" + i + "@" + tenant),
                    Optional.empty(),
                    Optional.empty());
            long id = commits.store(List.of(message)).get(0).messageId();
            commits.publish(List.of(EventPublisher.Committed.message(id)));
            ids.add(id);
        }
        return ids;
    }

    /** The newest ten messages of {@code tenant}. */
    private static MessageQuery latest(TenantId tenant) {
        return query(Optional.of(tenant), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10);
    }

    private static MessagePage list(QueueDatabase db, MessageQuery query) {
        return db.inTransaction(em -> MessageStories.list(em, query));
    }

    private static MessageQuery query(
            Optional<TenantId> tenant,
            Optional<String> sender,
            Optional<String> recipient,
            Optional<String> messageId,
            Optional<MessageCursor> after,
            int limit) {
        return new MessageQuery(
                tenant,
                Optional.empty(),
                Optional.empty(),
                sender,
                recipient,
                Optional.empty(),
                messageId,
                Optional.empty(),
                after,
                limit);
    }

    private static MessageQuery inShop(Optional<String> sender, Optional<String> recipient) {
        return query(Optional.of(SHOP), sender, recipient, Optional.empty(), Optional.empty(), 10);
    }

    private static MessageQuery byMessageId(Optional<TenantId> tenant, String messageId) {
        return query(tenant, Optional.empty(), Optional.empty(), Optional.of(messageId), Optional.empty(), 10);
    }

    private static MessageQuery byState(Optional<Instant> from, Optional<Instant> until, RecipientState state) {
        return new MessageQuery(
                Optional.of(SHOP),
                from,
                until,
                Optional.empty(),
                Optional.empty(),
                Optional.of(state),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void pagesThroughATenantsMessagesNewestFirstEachOnceAndNeverAnotherTenants(QueueDatabase db) {
        db.deleteAll();
        List<Long> shop = store(db, SHOP, 7, 3);
        store(db, BANK, 3, 0);

        List<Long> seen = new ArrayList<>();
        Optional<MessageCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            Optional<MessageCursor> after = cursor;
            MessagePage page =
                    list(db, query(Optional.of(SHOP), Optional.empty(), Optional.empty(), Optional.empty(), after, 3));
            page.messages().forEach(m -> {
                assertThat(m.tenant()).contains(SHOP);
                seen.add(m.id());
            });
            // The cursor survives its text form, as a client sends it back.
            cursor = page.next().map(MessageCursor::encode).flatMap(MessageCursor::decode);
            pages++;
        } while (cursor.isPresent());

        List<Long> newestFirst = new ArrayList<>(shop);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void filtersBySenderRecipientTimeStateAndMessageId(QueueDatabase db) {
        db.deleteAll();
        List<Long> shop = store(db, SHOP, 6, 0);
        store(db, BANK, 6, 0);

        MessagePage bySender = list(db, inShop(Optional.of("billing@shop.example"), Optional.empty()));
        assertThat(bySender.messages())
                .extracting(MessagePage.Summary::id)
                .containsExactly(shop.get(5), shop.get(3), shop.get(1));
        assertThat(bySender.next()).isEmpty();

        MessagePage byRecipient = list(db, inShop(Optional.empty(), Optional.of("r2@dest.test")));
        assertThat(byRecipient.messages()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(shop.get(2));
            assertThat(m.headerMessageId()).contains("m2@shop");
            assertThat(m.sender()).isEqualTo("<news@shop.example>");
            assertThat(m.recipients())
                    .extracting(MessageStory.Recipient::address)
                    .containsExactly("r2@dest.test");
        });

        MessagePage inTime = list(
                db, byState(Optional.of(NOW.plusSeconds(1)), Optional.of(NOW.plusSeconds(3)), RecipientState.QUEUED));
        assertThat(inTime.messages()).extracting(MessagePage.Summary::id).containsExactly(shop.get(2), shop.get(1));

        MessagePage delivered = list(db, byState(Optional.empty(), Optional.empty(), RecipientState.DELIVERED));
        assertThat(delivered.messages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void findsATagAloneFirstLastOrBetweenButNeverInMetadataNorAnotherTenants(QueueDatabase db) {
        db.deleteAll();
        long alone = tagged(db, SHOP, "{\"tags\":[\"spring_sale\"]}");
        long first = tagged(db, SHOP, "{\"tags\":[\"spring_sale\",\"news\"],\"metadata\":{\"a\":\"b\"}}");
        long between = tagged(db, SHOP, "{\"tags\":[\"x\",\"spring_sale\",\"y\"]}");
        long last = tagged(db, SHOP, "{\"tags\":[\"news\",\"spring_sale\"]}");
        tagged(db, SHOP, "{\"tags\":[\"spring-sale\",\"springXsale\"]}");
        tagged(
                db,
                SHOP,
                "{\"tags\":[\"news\"],\"metadata\":{\"spring_sale\":\"spring_sale\",\"c\":\",\\\"spring_sale\\\"]\"}}");
        tagged(db, BANK, "{\"tags\":[\"spring_sale\"]}");

        MessagePage found = list(
                db,
                new MessageQuery(
                        Optional.of(SHOP),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("spring_sale"),
                        Optional.empty(),
                        10));

        assertThat(found.messages()).extracting(MessagePage.Summary::id).containsExactly(last, between, first, alone);
    }

    /**
     * A message of {@code tenant} with these labels as the HTTP API stores them, a second after the one before (the
     * instance is per class, so later on the second database too).
     */
    private long tagged(QueueDatabase db, TenantId tenant, String labels) {
        Instant at = NOW.plusSeconds(++taggedSoFar);
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(at, ZoneOffset.UTC));
        NewMessage message = tenantMessage(
                tenant,
                ReversePath.of(EmailAddress.parse("news@" + tenant + ".example")),
                List.of(EmailAddress.parse("r@dest.test")),
                new SendOptions(
                        MessageStream.TRANSACTIONAL,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new MessageLabels(labels)),
                        TrackingOverride.NONE,
                        Optional.empty()));
        long id = commits.store(List.of(message)).get(0).messageId();
        commits.publish(List.of(EventPublisher.Committed.message(id)));
        return id;
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aMessageIdIsFoundInItsTenantAndAcrossTenantsButNotFromAnother(QueueDatabase db) {
        db.deleteAll();
        List<Long> shop = store(db, SHOP, 2, 0);
        store(db, BANK, 2, 0);

        assertThat(list(db, byMessageId(Optional.of(SHOP), "m1@shop")).messages())
                .extracting(MessagePage.Summary::id)
                .containsExactly(shop.get(1));
        assertThat(list(db, byMessageId(Optional.of(BANK), "m1@shop")).messages())
                .isEmpty();
        assertThat(list(db, byMessageId(Optional.empty(), "m1@shop")).messages())
                .extracting(MessagePage.Summary::tenant)
                .containsExactly(Optional.of(SHOP));
        assertThat(db.inTransaction(em -> MessageStories.find(em, shop.get(0), Optional.of(SHOP)))
                        .orElseThrow()
                        .headerMessageId())
                .contains("m0@shop");
        assertThatThrownBy(() -> query(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aMessageCommittedButNotYetIndexedIsListedOnlyOnceTheStartUpIndexesIt(QueueDatabase db) {
        db.deleteAll();
        List<Long> indexed = store(db, SHOP, 2, 0);
        QueueCommits commits =
                db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));
        // As if the server died between the message's commit and its look-up row's.
        long lost = commits.store(List.of(new NewMessage(
                        ReversePath.of(EmailAddress.parse("news@shop.example")),
                        List.of(EmailAddress.parse("lost@dest.test")),
                        MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                        "192.0.2.7",
                        false,
                        Optional.empty(),
                        "test",
                        Optional.of(SHOP),
                        Optional.of("lost@shop"),
                        Optional.empty(),
                        Optional.empty())))
                .get(0)
                .messageId();
        assertThat(list(db, latest(SHOP)).messages())
                .extracting(MessagePage.Summary::id)
                .doesNotContain(lost);

        assertThat(commits.publishUnpublished(Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(commits.publishUnpublished(Duration.ofMinutes(10))).isZero();
        assertThat(list(db, latest(SHOP)).messages())
                .extracting(MessagePage.Summary::id)
                .containsExactly(lost, indexed.get(1), indexed.get(0));
        assertThat(list(db, byMessageId(Optional.of(SHOP), "lost@shop")).messages())
                .hasSize(1);
    }

    @Test
    void aCursorThatThisListingDidNotGiveIsNotRead() {
        assertThat(MessageCursor.decode("not a cursor")).isEmpty();
        assertThat(MessageCursor.decode("")).isEmpty();
        assertThat(MessageCursor.decode(new MessageCursor(NOW, 42).encode())).contains(new MessageCursor(NOW, 42));
    }
}

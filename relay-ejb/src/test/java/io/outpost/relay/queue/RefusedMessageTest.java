package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message a policy refused is recorded without content on both databases: its tenant finds it by state, reads its
 * story (received, then refused, never queued), and no node ever claims it for delivery.
 */
class RefusedMessageTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final SmtpReply REPLY = SmtpReply.of(550, "5.7.1", "Subject refused by header checks");

    RefusedMessageTest() {
        super("refused-message-test");
    }

    private static long refuse(QueueDatabase db) {
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        return commits.storeRefused(new RefusedMessage(
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                List.of(EmailAddress.parse("ann@dest.test"), EmailAddress.parse("bob@dest.test")),
                1234,
                "192.0.2.7",
                SHOP,
                Optional.of("alice"),
                Optional.of("TLSv1.3 TLS_AES_128_GCM_SHA256"),
                REPLY,
                "rejected at MESSAGE by header-checks: " + REPLY,
                Optional.of("m1@shop.example"),
                List.of("recipient carol@dest.test rejected at RCPT by do-not-mail: 550 5.7.1 Listed")));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void itsStoryTellsOfTheArrivalAndTheRefusalAndEveryRecipientIsRefused(QueueDatabase db) {
        db.deleteAll();
        long id = refuse(db);

        MessageStory story = db.inTransaction(em -> MessageStories.find(em, id, Optional.of(SHOP)))
                .orElseThrow();

        assertThat(story.events())
                .extracting(MessageStory.Event::kind)
                .containsExactly(EventKind.RECEIVED, EventKind.REFUSED, EventKind.REFUSED);
        assertThat(story.events().get(0).detail()).startsWith("from 192.0.2.7 by alice over TLSv1.3");
        assertThat(story.events().get(1).detail())
                .isEqualTo("recipient carol@dest.test rejected at RCPT by do-not-mail: 550 5.7.1 Listed");
        assertThat(story.events().get(2).detail()).isEqualTo("rejected at MESSAGE by header-checks: " + REPLY);
        assertThat(story.headerMessageId()).contains("m1@shop.example");
        assertThat(story.sizeOctets()).isEqualTo(1234);
        assertThat(story.recipients()).allSatisfy(recipient -> {
            assertThat(recipient.state()).isEqualTo(RecipientState.REFUSED);
            assertThat(recipient.lastReply()).contains(REPLY.toString());
            assertThat(recipient.nextAttemptAt()).isEmpty();
        });
        Optional<MessageStory> asAnotherTenant =
                db.inTransaction(em -> MessageStories.find(em, id, Optional.of(TenantId.of("bank"))));
        assertThat(asAnotherTenant).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void itsTenantFindsItAmongItsRefusedMessagesAndNoNodeClaimsIt(QueueDatabase db) {
        db.deleteAll();
        long id = refuse(db);

        MessagePage refused = db.inTransaction(em -> MessageStories.list(
                em,
                new MessageQuery(
                        Optional.of(SHOP),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(RecipientState.REFUSED),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        10)));

        assertThat(refused.messages()).extracting(MessagePage.Summary::id).containsExactly(id);
        assertThat(db.claim(NOW.plus(Duration.ofDays(30)), 60, 100)).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aQueuedMessageTellsOfTheRecipientsRefusedBeforeItWasQueued(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        String refusal = "recipient ann@dest.test rejected at RCPT by do-not-mail (listed): 550 5.7.1 Listed";
        long id = commits.store(List.of(new NewMessage(
                        ReversePath.of(EmailAddress.parse("news@shop.example")),
                        List.of(EmailAddress.parse("bob@dest.test")),
                        MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                        "192.0.2.7",
                        false,
                        Optional.empty(),
                        "test",
                        Optional.of(SHOP),
                        Optional.empty(),
                        Optional.of("alice"),
                        Optional.empty(),
                        List.of(refusal),
                        SendOptions.on(MessageStream.TRANSACTIONAL),
                        OptionalLong.empty())))
                .get(0)
                .messageId();

        MessageStory story = db.inTransaction(em -> MessageStories.find(em, id, Optional.of(SHOP)))
                .orElseThrow();

        assertThat(story.events())
                .extracting(MessageStory.Event::kind)
                .containsExactly(EventKind.RECEIVED, EventKind.REFUSED, EventKind.QUEUED);
        assertThat(story.events().get(1).detail()).isEqualTo(refusal);
        assertThat(story.recipients()).extracting(MessageStory.Recipient::state).containsExactly(RecipientState.QUEUED);
    }

    @Test
    void aRefusedMessageNamesAtLeastOneRecipient() {
        assertThatThrownBy(() -> new RefusedMessage(
                        ReversePath.NULL,
                        List.of(),
                        0,
                        "192.0.2.7",
                        SHOP,
                        Optional.empty(),
                        Optional.empty(),
                        REPLY,
                        "x",
                        Optional.empty(),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.AttemptRecord;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.ClassifiedBounce;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.RecipientState;
import io.outpost.relay.queue.RecipientUpdate;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptRecorderTest {

    private static final TenantId TENANT = TenantId.of("shop");

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final EmailAddress SENDER = EmailAddress.parse("sender@example.test");
    private static final EmailAddress RCPT = EmailAddress.parse("rcpt@dest.test");
    private static final byte[] CONTENT = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

    private final AttemptRecorder recorder = new AttemptRecorder(
            new RetryPolicy(Duration.ofMinutes(5), 2, Duration.ofHours(4), Duration.ofDays(5)),
            new DsnBuilder(Domain.of("outpost.test"), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC),
            // Stands in for DKIM: marks what it was given, so a test can see the DSN went through it.
            dsn -> new Ready(
                    MessageContent.of(concat("X-Signed-By-Test: yes\r\n".getBytes(StandardCharsets.US_ASCII), dsn)),
                    Optional.empty(),
                    "DSN signed by the test"),
            BounceRules.BUILT_IN);

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void recordsA2xxAsDeliveredWithoutNotification() {
        AttemptRecord record = recordReply(ReversePath.of(SENDER), NOW, 0, SmtpReply.of(250, "2.0.0", "ok"));

        assertThat(record.updates()).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo(RecipientState.DELIVERED);
            assertThat(u.reply()).contains("250 2.0.0 ok");
        });
        assertThat(record.notification()).isEmpty();
    }

    @Test
    void defersA4xxUntilTheBackoffOfItsAttempt() {
        AttemptRecord record = recordReply(ReversePath.of(SENDER), NOW, 2, SmtpReply.of(451, "4.2.0", "greylisted"));

        RecipientUpdate update = record.updates().get(0);
        assertThat(update.state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(update.nextAttempt()).contains(NOW.plus(Duration.ofMinutes(20)));
        assertThat(record.notification()).isEmpty();
    }

    @Test
    void bouncesA5xxAndQueuesADsnToTheSenderFromTheNullPath() {
        AttemptRecord record = recordReply(ReversePath.of(SENDER), NOW, 0, SmtpReply.of(550, "5.1.1", "no user"));

        assertThat(record.updates().get(0).state()).isEqualTo(RecipientState.BOUNCED);
        assertThat(record.notification()).hasValueSatisfying(dsn -> {
            assertThat(dsn.sender().isNull()).isTrue();
            assertThat(dsn.recipients()).containsExactly(SENDER);
            assertThat(new String(dsn.content().toByteArray(), StandardCharsets.UTF_8))
                    .startsWith("X-Signed-By-Test: yes\r\n")
                    .contains("Final-Recipient: rfc822; rcpt@dest.test")
                    .contains("Status: 5.1.1");
            assertThat(dsn.returnPath()).isEmpty();
            assertThat(dsn.authentication()).isEqualTo("DSN signed by the test");
            // The sender's tenant reads it in its story, as the message it is about.
            assertThat(dsn.tenant()).contains(TENANT);
        });
    }

    @Test
    void eachBounceIsClassifiedForItsTenantAndNoOtherOutcomeIs() {
        AttemptRecord hard = recordReply(ReversePath.of(SENDER), NOW, 0, SmtpReply.of(550, "5.1.1", "no user"));
        AttemptRecord policy = recordReply(ReversePath.of(SENDER), NOW, 0, SmtpReply.of(554, "5.7.1", "spam"));
        AttemptRecord deferred =
                recordReply(ReversePath.of(SENDER), NOW, 0, SmtpReply.of(452, "4.2.2", "mailbox full"));

        assertThat(hard.bounces()).singleElement().satisfies(bounce -> {
            assertThat(bounce.bounceClass()).isEqualTo(BounceClass.HARD);
            assertThat(bounce.address()).isEqualTo(RCPT);
            assertThat(bounce.listOf()).contains(TENANT);
            assertThat(bounce.reply()).contains("550 5.1.1 no user");
            assertThat(bounce.recipientId()).isEqualTo(hard.updates().get(0).recipientId());
        });
        assertThat(policy.bounces()).extracting(ClassifiedBounce::bounceClass).containsExactly(BounceClass.POLICY);
        assertThat(deferred.bounces()).isEmpty();
        // A DSN that bounces is classified, but its recipient is the tenant's own sender: no list entry.
        assertThat(recordReply(ReversePath.NULL, NOW, 0, SmtpReply.of(550, "5.1.1", "no user"))
                        .bounces())
                .singleElement()
                .satisfies(bounce -> assertThat(bounce.listOf()).isEmpty());
    }

    @Test
    void neverBouncesAMessageFromTheNullSender() {
        AttemptRecord record = recordReply(ReversePath.NULL, NOW, 0, SmtpReply.of(550, "5.1.1", "no user"));

        assertThat(record.updates().get(0).state()).isEqualTo(RecipientState.BOUNCED);
        assertThat(record.notification()).isEmpty();
    }

    @Test
    void expiresATemporaryFailurePastTheQueueLifetimeAndNotifiesTheSender() {
        Instant queuedLongAgo = NOW.minus(Duration.ofDays(5));
        AttemptRecord record =
                recordReply(ReversePath.of(SENDER), queuedLongAgo, 30, SmtpReply.of(451, "4.4.1", "no answer"));

        assertThat(record.updates().get(0).state()).isEqualTo(RecipientState.EXPIRED);
        assertThat(record.updates().get(0).nextAttempt()).isEmpty();
        assertThat(record.notification())
                .hasValueSatisfying(dsn -> assertThat(new String(dsn.content().toByteArray(), StandardCharsets.UTF_8))
                        .contains("Status: 5.4.7"));
    }

    @Test
    void anExpiryCountsAsASoftBounceOnlyWhenAReceiverGaveTheTemporaryReply() throws Exception {
        Instant queuedLongAgo = NOW.minus(Duration.ofDays(5));
        RemoteHost mx = new RemoteHost("mx.dest.test", InetAddress.getByName("127.0.0.1"), 25);

        AttemptRecord full = record(
                ReversePath.of(SENDER),
                queuedLongAgo,
                30,
                RecipientOutcome.of(RCPT, SmtpReply.of(452, "4.2.2", "mailbox full"), Optional.of(mx)));
        AttemptRecord userUnknown = record(
                ReversePath.of(SENDER),
                queuedLongAgo,
                30,
                RecipientOutcome.of(RCPT, SmtpReply.of(450, "4.1.1", "user unknown, try later"), Optional.of(mx)));
        AttemptRecord noAnswer =
                recordReply(ReversePath.of(SENDER), queuedLongAgo, 30, SmtpReply.of(451, "4.4.1", "no answer"));

        assertThat(full.bounces()).singleElement().satisfies(bounce -> assertThat(bounce.bounceClass())
                .isEqualTo(BounceClass.MAILBOX_FULL));
        // A temporary reply never proves an address does not exist.
        assertThat(userUnknown.bounces()).singleElement().satisfies(bounce -> assertThat(bounce.bounceClass())
                .isEqualTo(BounceClass.SOFT));
        // Outpost's own trouble is not the recipient's.
        assertThat(noAnswer.bounces()).isEmpty();
    }

    @Test
    void recordsACapturedRecipientAsCapturedForGoodWithoutNotification() {
        AttemptRecord record = record(ReversePath.of(SENDER), NOW, 0, RecipientOutcome.captured(RCPT));

        assertThat(record.updates()).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo(RecipientState.CAPTURED);
            assertThat(u.state().isFinal()).isTrue();
            assertThat(u.nextAttempt()).isEmpty();
            assertThat(u.reply()).contains("Captured by Outpost's sandbox");
        });
        assertThat(record.notification()).isEmpty();
    }

    @Test
    void recordsARecipientAPolicySuppressedAsSuppressedForGoodWithItsReplyAndNotifiesTheSender() {
        SmtpReply policy = SmtpReply.of(550, "5.7.1", "Recipient is on this relay's do-not-mail list");
        AttemptRecord record = record(ReversePath.of(SENDER), NOW, 3, RecipientOutcome.suppressed(RCPT, policy));

        assertThat(record.updates()).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo(RecipientState.SUPPRESSED);
            assertThat(u.state().isFinal()).isTrue();
            assertThat(u.nextAttempt()).isEmpty();
            assertThat(u.reply()).contains("550 5.7.1 Recipient is on this relay's do-not-mail list");
        });
        assertThat(record.notification())
                .hasValueSatisfying(dsn -> assertThat(new String(dsn.content().toByteArray(), StandardCharsets.UTF_8))
                        .contains("Final-Recipient: rfc822; rcpt@dest.test")
                        .contains("Status: 5.7.1"));
    }

    private AttemptRecord recordReply(ReversePath sender, Instant receivedAt, int attemptsMade, SmtpReply reply) {
        return record(sender, receivedAt, attemptsMade, RecipientOutcome.of(RCPT, reply, Optional.empty()));
    }

    private AttemptRecord record(ReversePath sender, Instant receivedAt, int attemptsMade, RecipientOutcome outcome) {
        MessageForDelivery message = new MessageForDelivery(
                1,
                sender,
                Optional.empty(),
                receivedAt,
                Optional.of(TENANT),
                MessageContent.of(CONTENT),
                MessageStream.TRANSACTIONAL,
                Optional.empty(),
                Optional.empty());
        Claim claim = new Claim(10, 1, RCPT, attemptsMade, 77);
        return recorder.record(message, List.of(claim), Map.of(RCPT, outcome));
    }
}
